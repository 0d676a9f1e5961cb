"""The template functions; expected values are what Hugo 0.168 prints for the same calls."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hugomat.gotemplate import Environment, GoTime, Scratch, TemplateError


def run(text: str, data: Any = None) -> str:
    return Environment(escape=False).parse("t", text, path="t.html").execute(data)


@pytest.mark.parametrize(("text", "expected"), [
    # comparison and logic
    ("{{ eq 1 1.0 }} {{ eq 1 \"1\" }} {{ eq 2 1 2 3 }} {{ ne 1 2 }}", "true false true true"),
    ('{{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2 }}', "true true true false"),
    ("{{ not 0 }} {{ not 1 }} {{ cond false 1 2 }}", "true false 2"),
    ('{{ default "x" "" }} {{ default "x" 0 }} {{ default "x" false }} {{ default "x" "y" }}',
     "x x false y"),
    # collections
    ('{{ len "héllo" }} {{ len (slice 1 2) }} {{ len (dict "a" 1) }}', "6 2 1"),
    ('{{ index (slice 1 2 3) 1 }} {{ index (dict "a" (dict "b" 5)) "a" "b" }}', "2 5"),
    ('{{ first 2 "abc" }} {{ first 2 (slice 1 2 3) }} {{ last 1 (slice 1 2 3) }}',
     "ab [1 2] [3]"),
    ("{{ after 1 (slice 1 2 3) }}", "[2 3]"),
    ('{{ in (slice 1 2) 2.0 }} {{ in "abc" "b" }} {{ in (slice "a") "z" }}', "true true false"),
    ('{{ isset (dict "a" 1) "a" }} {{ isset (dict "a" 1) "b" }} {{ isset (slice 1) 0 }}',
     "true false true"),
    ("{{ seq 3 }} {{ seq 2 4 }} {{ seq 5 -2 1 }} {{ seq -2 }} {{ len (seq 5000) }}",
     "[1 2 3] [2 3 4] [5 3 1] [-1 -2] 5000"),
    ('{{ apply (slice "a" "b") "upper" "." }}', "[A B]"),
    ('{{ sort (slice 3 1 2) "value" "desc" }} {{ sort (slice "b" "a") }}', "[3 2 1] [a b]"),
    ("{{ uniq (slice 1 1 2) }} {{ reverse (slice 1 2) }}", "[1 2] [2 1]"),
    ("{{ append 3 (slice 1 2) }} {{ append (slice 3) (slice 1 2) }}", "[1 2 3] [1 2 3]"),
    ('{{ delimit (slice 1 2 3) ", " " and " }}', "1, 2 and 3"),
    ('{{ merge (dict "a" 1 "b" 2) (dict "b" 3) }}', "map[a:1 b:3]"),
    ("{{ intersect (slice 1 2 3) (slice 2 3 4) }} {{ union (slice 1) (slice 1 2) }}",
     "[2 3] [1 2]"),
    ("{{ complement (slice 2) (slice 1 2 3) }} {{ symdiff (slice 1 2) (slice 2 3) }}",
     "[1 3] [1 3]"),
    # where with and without operators, on maps' keys and nested paths
    ('{{ where (slice (dict "a" 1) (dict "a" 2) (dict "a" "1")) "a" 1 }}', "[map[a:1]]"),
    ('{{ where (slice (dict "a" 1) (dict "a" 2)) "a" ">=" 2 }}', "[map[a:2]]"),
    ('{{ where (slice (dict "a" 1) (dict "a" 2)) ".a" "in" (slice 2 3) }}', "[map[a:2]]"),
    ('{{ where (slice (dict "a" 1) (dict "a" 2)) "a" "not in" (slice 2 3) }}', "[map[a:1]]"),
    ('{{ where (slice (dict "p" (dict "t" "x")) (dict "p" (dict "t" "y"))) "p.t" "!=" "x" }}',
     "[map[p:map[t:y]]]"),
    ('{{ where (slice (dict "t" (slice "a" "b")) (dict "t" (slice "c"))) "t" "intersect" '
     '(slice "b") }}', "[map[t:[a b]]]"),
    ('{{ where (slice (dict "n" "abc") (dict "n" "xyz")) "n" "like" "^a" }}', "[map[n:abc]]"),
    ('{{ len (where (slice (dict "a" 1) (dict "b" 2)) "a" "!=" nil) }}', "1"),
    # printing
    ('{{ printf "%v %.3g %e" 2.5 3.14159 1234.5 }}', "2.5 3.14 1.234500e+03"),
    ('{{ printf "%5s|%-5s|%x|%X|%c|%t|%08.3f" "ab" "cd" "hi" 255 65 true 3.14159 }}',
     "   ab|cd   |6869|FF|A|true|0003.142"),
    ('{{ printf "%d %d" 1 }}|{{ printf "%d" 1 2 }}|{{ printf "%s|%d" 5 "x" }}',
     "1 %!d(MISSING)|1%!(EXTRA int=2)|%!s(int=5)|%!d(string=x)"),
    ('{{ printf "%q %x %5.2f|%-4d|%05d|%%" "hi\\n" 255 3.14159 7 -42 }}',
     '"hi\\n" ff  3.14|7   |-0042|%'),
    ('{{ printf "%T %T %T" 1 "a" 1.5 }}', "int string float64"),
    ('{{ print 1 2 "a" 3 }}|{{ println "a" 1 }}', "1 2a3|a 1\n"),
    # strings
    ('{{ replace "aaa" "a" "b" }} {{ replace "aaa" "a" "b" 2 }}', "bbb bba"),
    ('{{ replaceRE "(a)(b)" "$2$1" "xaby" }} {{ replaceRE "(?P<x>b)" "[${x}]" "abc" }}',
     "xbay a[b]c"),
    ('{{ findRE "[0-9]+" "a1b22c333" 2 }} {{ split "a,b" "," }}', "[1 22] [a b]"),
    ('{{ strings.Contains "abc" "b" }} {{ strings.HasPrefix "abc" "ab" }} '
     '{{ strings.HasSuffix "abc" "bc" }}', "true true true"),
    ('{{ strings.TrimPrefix "a" "abc" }} {{ strings.TrimSuffix "c" "abc" }} '
     '[{{ strings.TrimSpace "  x " }}] {{ trim "--x--" "-" }}', "bc ab [x] x"),
    ('{{ strings.Title "a tale of two" }} {{ title "the lord of the rings" }}',
     "A Tale of Two The Lord of the Rings"),
    ('{{ lower "AbC" }} {{ upper "abc" }} {{ strings.ToLower "X" }} {{ strings.ToUpper "y" }}',
     "abc ABC x Y"),
    ('{{ strings.Repeat 3 "yo" }} {{ strings.Count "a" "banana" }} {{ strings.FirstUpper "éa" }}',
     "yoyoyo 3 Éa"),
    ('{{ substr "héllo" -3 2 }} {{ substr "hello" 1 }} {{ substr "hello" 0 -1 }}',
     "ll ello hell"),
    ('{{ truncate 10 "the quick brown fox" }} {{ strings.Split "a-b" "-" }}',
     "the quick … [a b]"),
    ('{{ strings.Join (slice "a" "b") "+" }}', "a+b"),
    ('{{ upper "ß" }} {{ sort (slice "B" "a" "C") }} {{ where (slice 1 2 3) "." ">" 1 }}',
     "ß [a B C] []"),
    ('{{ printf "%q" (slice "a" "b") }} {{ printf "%d" (slice 1 2) }}', '["a" "b"] [1 2]'),
    ('{{ plainify "a<br>b<br/>c<br />d" }}', "a\nbc\nd"),
    # html and urls
    ("{{ htmlEscape \"<a href='x'>&\" }} {{ htmlUnescape \"&lt;b&gt;\" }}",
     "&lt;a href=&#39;x&#39;&gt;&amp; <b>"),
    ('{{ plainify "<p>a <b>b</b></p>" }}', "a b\n"),
    ('{{ urlize "Hello World (x)" }} {{ anchorize "Hello World (x)!" }}',
     "hello-world-x hello-world-x"),
    # maths
    ("{{ add 1 2 }} {{ add 1 2.5 }} {{ add \"a\" \"b\" }} {{ sub 5 7 }} {{ mul 1000 1000.0 }}",
     "3 3.5 ab -2 1e+06"),
    ("{{ div 7 2 }} {{ div -7 2 }} {{ div 7.0 2 }} {{ mod -7 3 }} {{ modBool 4 2 }}",
     "3 -3 3.5 -1 true"),
    ("{{ math.Add 1 2 3 }} {{ math.Max 1 5 2 }} {{ math.Round 2.5 }} {{ math.Floor 2.7 }} "
     "{{ math.Ceil 2.1 }} {{ math.Sqrt 16 }} {{ math.Pow 2 10 }}", "6 5 3 2 3 4 1024"),
    # conversions
    ('{{ int "0123" }} {{ int "42" }} {{ int 3.9 }} {{ float "2.5" }} {{ string 1e6 }} '
     '{{ string 7 }}', "83 42 3 2.5 1000000 7"),
    # encodings
    ('{{ jsonify (dict "b" "<x>" "a" (slice 1 2.5)) }}', '{"a":[1,2.5],"b":"\\u003cx\\u003e"}'),
    ('{{ jsonify (dict "indent" "  ") (dict "a" 1) }}', '{\n  "a": 1\n}'),
    ('{{ md5 "x" }} {{ base64Encode "hé" }} {{ base64Decode "aMOp" }}',
     "9dd4e461268c8034f5c8564e155c67a6 aMOp hé"),
    ('{{ sha1 "x" }}', "11f6ad8ec52a2984abaafd7c3b516503785c2072"),
    ('{{ transform.Unmarshal "a: 1\\nb: [x, y]" }} {{ transform.Unmarshal "{\\"a\\": 1.5}" }}',
     "map[a:1 b:[x y]] map[a:1.5]"),
    ('{{ transform.Unmarshal "a,b\\n1,2" }} {{ transform.Unmarshal "a = 1" }}',
     "[[a b] [1 2]] map[a:1]"),
    ('{{ transform.Unmarshal (dict "delimiter" ";") "a;b" }}', "[[a b]]"),
    # time
    ('{{ time.Format "Monday, Jan 2 2006 15:04:05 MST -0700" "2024-03-05T07:08:09Z" }}',
     "Tuesday, Mar 5 2024 07:08:09 UTC +0000"),
    ('{{ dateFormat ":date_long" "2024-03-05" }} {{ (time "2024-03-05").Year }}',
     "March 5, 2024 2024"),
    ('{{ dateFormat "02/01/06 3:04PM .000" "2024-03-05T15:04:05.123+02:00" }}',
     "05/03/24 3:04PM .123"),
    # urls
    ('{{ $u := urls.Parse "https://user@example.org:8080/a%20b/c?x=1&y=2#frag" }}{{ $u.IsAbs }} '
     "{{ $u.Host }} {{ $u.Hostname }} {{ $u.Port }} {{ $u.Path }} {{ $u.RawQuery }} "
     '{{ $u.Fragment }} {{ $u.Query }} {{ (urls.Parse "/x").IsAbs }}',
     "true example.org:8080 example.org 8080 /a b/c x=1&y=2 frag map[x:[1] y:[2]] false"),
    ('{{ urls.JoinPath "https://example.org/a/" "/b" "c/" }} {{ urls.JoinPath "a" "../b" }}',
     "https://example.org/a/b/c/ b"),
    ('{{ humanize "my-first_postTitle" }} {{ humanize 3 }} {{ humanize 12 }} {{ humanize 22 }}',
     "My first post title 3rd 12th 22nd"),
    ('{{ templates.Exists "t" }} {{ templates.Exists "partials/nope.html" }}', "true false"),
    # paths
    ('{{ path.Base "a/b.md" }} {{ path.Ext "a/b.md" }} {{ path.Dir "a/b.md" }} '
     '{{ path.Join "a" "../b" "c" }}', "b.md .md a b/c"),
])
def test_functions_print_what_hugo_prints(text: str, expected: str) -> None:
    assert run(text) == expected


def test_now_is_a_time_with_gos_methods() -> None:
    assert run("{{ now.Year }}") == str(dt.datetime.now().year)
    assert run('{{ (time "2024-02-29").AddDate 0 0 1 | dateFormat "2006-01-02" }}') == \
        "2024-03-01"


def test_dates_from_front_matter_compare_and_format() -> None:
    data = {"a": GoTime(dt.datetime(2024, 1, 1, tzinfo=dt.UTC)),
            "b": dt.date(2024, 6, 1)}
    assert run('{{ lt .a (time .b) }} {{ .a.Format "Jan 2006" }}', data) == "true Jan 2024"


def test_scratch_collects_values() -> None:
    scratch = Scratch()
    text = ('{{ .s.Set "n" 1 }}{{ .s.Add "n" 2 }}{{ .s.Add "l" (slice 1) }}{{ .s.Add "l" 2 }}'
            '{{ .s.SetInMap "m" "b" 2 }}{{ .s.SetInMap "m" "a" 1 }}'
            '{{ .s.Get "n" }} {{ .s.Get "l" }} {{ .s.GetSortedMapValues "m" }}')
    assert run(text, {"s": scratch}) == "3 [1 2] [1 2]"
    assert run('{{ $s := newScratch }}{{ $s.Set "x" "y" }}{{ $s.Get "x" }}') == "y"


@pytest.mark.parametrize(("text", "message"), [
    ("{{ div 1 0 }}", "t.html:1:4: error calling div: can't divide the value by 0"),
    ('{{ int "x" }}', 't.html:1:4: error calling int: unable to cast "x" of type string to int'),
    ('{{ dict "a" }}', "t.html:1:4: error calling dict: invalid dictionary call: needs an even"
                       " number of arguments"),
    ('{{ where (slice 1) "a" "~" 1 }}', "t.html:1:4: error calling where: ~ is not a valid"
                                         " where operator"),
    ('{{ transform.Unmarshal "{a" }}', "t.html:1:4: error calling transform.Unmarshal: failed"
                                        " to unmarshal JSON"),
    ('{{ apply (slice 1) "nosuch" "." }}', 't.html:1:4: error calling apply: can\'t find'
                                           ' function "nosuch"'),
    ('{{ lt 1 "a" }}', "t.html:1:4: error calling lt: incompatible types for comparison"),
    ("{{ len .nope }}", "t.html:1:4: error calling len: len of nil"),
    ('{{ replaceRE "(" "" "x" }}', "t.html:1:4: error calling replaceRE: invalid regular"
                                   " expression"),
    ("{{ seq 1 0 5 }}", "t.html:1:4: error calling seq: 'increment' must not be 0"),
])
def test_function_failures_are_located_errors(text: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        run(text, {})
    assert str(caught.value).startswith(message)
