"""gunicorn's settings for Guichet, read from the working directory (`gunicorn guichet.wsgi`)."""


def post_worker_init(worker) -> None:
    """Each worker loads the search model and vectors as it starts, not in the first search it serves."""
    from search.semantic import warm_up

    warm_up()
