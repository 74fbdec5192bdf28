"""The command line: one module a command group; ``main`` parses and dispatches."""
