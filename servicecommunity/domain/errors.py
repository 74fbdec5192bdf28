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
