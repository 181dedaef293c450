class Conflict(Exception):
    """A request that cannot be carried out in the record's current state (HTTP 409).

    Domain apps subclass it; the message is Dutch and meant for the user.
    """

    def __init__(self, message: str, **details):
        super().__init__(message)
        self.message = message
        self.details = details
