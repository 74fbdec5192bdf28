"""Storage: opening a workspace, its migrations, backups, bulk writes and the record codec."""
