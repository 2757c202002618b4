"""Three-affairs disclosure pages: the browser, a document, and the year's finance ledger."""
