"""The demo network comes with a few readers' answers, masked as the form masks them, and loads them once."""

from __future__ import annotations

from content.models import Feedback
from demo.feedback import feedback_ensure


def test_demo_feedback_is_loaded_once_with_comments_masked(demo_network):
    feedback_ensure()
    count = Feedback.objects.count()
    assert count >= 10
    assert Feedback.objects.filter(helped=False).exists() and Feedback.objects.filter(language="ar").exists()
    assert feedback_ensure() == 0
    assert Feedback.objects.count() == count
    comments = " ".join(Feedback.objects.values_list("comment", flat=True))
    assert "0612345678" not in comments and "AB1234567" not in comments
    assert "[phone]" in comments and "[document]" in comments
