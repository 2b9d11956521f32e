"""The message catalogue, one module per topic; ``convlab.i18n`` merges them."""
