"""The one error of the template package: a message with the file, line and column it is about."""

from __future__ import annotations


class TemplateError(Exception):
    """A template that does not parse or fails while it runs, reported as `path:line:col: message`.

    `unsupported_function` names a Hugo function the caller did not register, so a caller can
    list what a site needs without parsing the message.
    """

    def __init__(self, path: str, line: int, column: int, message: str,
                 unsupported_function: str | None = None) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.unsupported_function = unsupported_function

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class FunctionError(Exception):
    """Raised by a template function; the executor turns it into a TemplateError at the call."""


class Source:
    """A template's text with a fast offset -> (line, column) map; columns count characters."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self._line_starts.append(index + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        import bisect

        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def error(self, offset: int, message: str, unsupported: str | None = None) -> TemplateError:
        line, column = self.line_col(offset)
        return TemplateError(self.path, line, column, message, unsupported)
