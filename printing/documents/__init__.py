"""One module per document; `printing.render` maps a document kind onto its renderer."""
