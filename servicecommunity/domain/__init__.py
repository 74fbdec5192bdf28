"""The domain: the records (SQLModel), their enums, rules (schemas, validation) and errors.

Imports nothing else of the project."""
