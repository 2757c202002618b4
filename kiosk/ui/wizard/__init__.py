"""The guided application form: field widgets, steps, review, signature, receipt."""
