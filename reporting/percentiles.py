"""Median and 90th percentile of a duration over a query set: by the database on PostgreSQL, in Python on SQLite."""

from __future__ import annotations

import math

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, FloatField, Func, QuerySet


class MedianAndP90(Func):
    """PostgreSQL's ``percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY expression)``: both from one sort."""

    template = "percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY %(expressions)s)"
    contains_aggregate = True
    output_field = ArrayField(FloatField())


def in_seconds(expression) -> object:
    if connection.vendor == "postgresql":
        # date_part gives a double (EXTRACT a numeric, several times slower to sort).
        return Func(expression, template="date_part('epoch', %(expressions)s)", output_field=FloatField())
    return ExpressionWrapper(expression, output_field=DurationField())


def quantile(values: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks, as ``percentile_cont``."""
    position = (len(values) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return values[low] + (values[high] - values[low]) * (position - low)


def percentiles(rows: QuerySet, expression, *, unit_seconds: float) -> tuple[int, float | None, float | None]:
    """(how many measured, median, 90th percentile) of ``expression`` (a duration) over ``rows``, in the unit."""
    if connection.vendor == "postgresql":
        seconds = in_seconds(expression)
        result = rows.aggregate(n=Count("pk"), both=MedianAndP90(seconds))
        n = result["n"]
        if not n:
            return 0, None, None
        median, p90 = result["both"]
        return n, median / unit_seconds, p90 / unit_seconds
    values = sorted(
        value.total_seconds() for value in rows.annotate(_d=in_seconds(expression)).values_list("_d", flat=True)
    )
    if not values:
        return 0, None, None
    return len(values), quantile(values, 0.5) / unit_seconds, quantile(values, 0.9) / unit_seconds
