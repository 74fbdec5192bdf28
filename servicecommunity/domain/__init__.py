"""The domain: the records (SQLModel tables), their enums, their rules (schemas) and the errors.

Imports nothing else of the project; every other layer imports it.
"""
