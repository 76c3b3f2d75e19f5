"""The REST API's shared pieces (issue 7): every app's ``api/`` builds on these.

``serializers.py``: model serializers that validate through the model's ``full_clean()``,
references as ids plus a display string, personal fields masked; ``views.py``: the model
viewset whose rows and permissions come from ``core.permissions``, and whose writes are logged
with the API channel and the authenticated user; ``exceptions.py``: every error as JSON naming
the field; ``pagination.py``: limit/offset with a maximum.
"""
