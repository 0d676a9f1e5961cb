"""The shortcode renderers, one module per family; `registry` maps names to them."""
