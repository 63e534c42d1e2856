"""Calling the applications API in tests: a signed-in staff client, JSON posts, answers checked against the
OpenAPI document."""

from __future__ import annotations

import json

import jsonschema_rs
from django.test import Client
from django.urls import reverse

from people.tests.staff import staff_sign_in


def signed_in(user) -> Client:
    return staff_sign_in(Client(HTTP_ACCEPT_LANGUAGE="en"), user)


def post(client: Client, url: str, data: dict):
    return client.post(url, json.dumps(data), content_type="application/json")


def submit(client: Client, data: dict):
    return post(client, reverse("api:application_submit"), data)


def detail_url(application) -> str:
    public_id = application if isinstance(application, str) else application.public_id
    return reverse("api:application_detail", kwargs={"application_id": public_id})


def move(client: Client, application, **data):
    url = reverse("api:application_transition", kwargs={"application_id": application.public_id})
    return post(client, url, data)


def conforms(openapi: dict, path: str, response, method: str = "get") -> None:
    """The answer is what the OpenAPI document declares for its path, method and status."""
    declared = openapi["paths"][path][method]["responses"][str(response.status_code)]
    schema = declared["content"]["application/json"]["schema"]
    validator = jsonschema_rs.validator_for({**schema, "components": openapi["components"]}, validate_formats=True)
    validator.validate(response.json())
