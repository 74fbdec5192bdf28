"""The project's own error types. Each message is one sentence a user can act on."""


class ServiceCommunityError(Exception):
    """Base of every error the app reports to a user instead of a traceback."""


class StoreError(ServiceCommunityError):
    """The workspace file cannot be opened, created or migrated."""


class ValidationError(ServiceCommunityError):
    """A change was refused: a wrong field, an unknown record, a rule of the domain broken."""


class NotFoundError(ValidationError):
    """A record named by id or name does not exist in the workspace."""


class BundleError(ServiceCommunityError):
    """A bundle or other imported file is malformed, of a wrong version or inconsistent."""


class WorkspaceBusyError(ServiceCommunityError):
    """Another connection held the workspace's write lock for longer than the busy timeout."""


class WorkspaceDamagedError(StoreError):
    """SQLite found the workspace file damaged (a malformed page, or not a database at all)."""


class DiskFullError(StoreError):
    """The disk (or the database's size limit) is full; the change was rolled back."""


class ConflictError(ValidationError):
    """An edit was based on a version of a record that someone else has changed since; nothing was written.

    ``section`` and ``record_id`` name the record; ``fresh`` is its row as it is now (column ->
    value, with its link sets) and ``fields`` the fields of the refused edit that the other change
    touched, with their fresh values: what a front end shows before the person edits again.
    """

    def __init__(self, message: str, *, section: str, record_id: str,
                 fresh: dict[str, object], fields: dict[str, object]) -> None:
        super().__init__(message)
        self.section = section
        self.record_id = record_id
        self.fresh = fresh
        self.fields = fields
