"""The only code that knows table names and SQL: opening, migrations, repositories."""
