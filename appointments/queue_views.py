"""Pages of the walk-in queue: the kiosk, the counsellor's console, the public now-serving screen.

Thin: ``appointments.queue`` reads and writes. The kiosk and the console are
for counsellors of the desk, signed in with both factors (``workspace_view``:
others 404, audited); the screen is public and shows numbers only.
Every change is a POST answered by a redirect: a double tap, a reload or
the back button never does it twice (the kiosk's form also carries a
one-time key, so the same form sent twice gives one ticket).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from phonenumber_field.formfields import PhoneNumberField

from appointments import queue
from appointments.models import MeetingReason
from appointments.selectors import reasons_of
from catalog.models import Desk
from people.views import workspace_view

LANGUAGE_NAMES = {"fr": "Français", "ar": "العربية", "en": "English"}
SESSION_COUNTER = "queue.counter"
SESSION_REASONS = "queue.reasons.{desk}"
KIOSK_RETURN_SECONDS = 30  # the ticket page goes back to the kiosk by itself (a Refresh header, no script)
SCREEN_REFRESH_SECONDS = 30  # the screen without JavaScript, when asked to refresh itself


class KioskForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=200)
    reason = forms.CharField(required=False, max_length=60)
    language = forms.ChoiceField(
        label=gettext_lazy("Language of your text message"),
        choices=[(code, LANGUAGE_NAMES.get(code, name)) for code, name in settings.LANGUAGES],
        widget=forms.RadioSelect,
    )
    phone = PhoneNumberField(
        label=gettext_lazy("Your phone number"),
        help_text=gettext_lazy("We text you your number, and again when your turn is near."),
        required=False,
        region="MA",
        max_length=30,
    )

    def __init__(self, *args, desk: Desk, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.desk = desk
        self.reasons = list(reasons_of(desk=desk))
        self.fields["phone"].widget.attrs.update({"autocomplete": "off", "inputmode": "tel", "enterkeyhint": "done"})

    def clean_reason(self) -> MeetingReason | None:
        slug = self.cleaned_data["reason"]
        if not slug:
            return None
        for reason in self.reasons:
            if reason.slug == slug:
                return reason
        raise forms.ValidationError(_("This desk takes no walk-in for this reason."))

    def clean_key(self) -> str:
        digest = queue.kiosk_key_digest(self.cleaned_data["key"])
        if digest is None:
            raise forms.ValidationError(_("This page was open for too long. Choose again, please."))
        return digest


class CallNextForm(forms.Form):
    counter = forms.CharField(
        label=gettext_lazy("Your counter"),
        max_length=queue.COUNTER_MAX_LENGTH,
        help_text=gettext_lazy('What the screen tells the person, for example "2" or "Office 3".'),
    )
    reasons = forms.MultipleChoiceField(
        label=gettext_lazy("Reasons you take"),
        help_text=gettext_lazy("None ticked: every reason."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, desk: Desk, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reasons"].choices = [(str(reason.pk), reason.name) for reason in reasons_of(desk=desk)]


class AttachForm(forms.Form):
    file = forms.CharField(label=pgettext_lazy("walk-in queue", "File number"), max_length=40)


def _desk_url(name: str, desk: Desk) -> str:
    return f"{reverse(name)}?{urlencode({'desk': desk.slug})}"


def _desk_or_choice(request: HttpRequest, title: str) -> Desk | HttpResponse:
    """The desk named by ``?desk=`` (or the counsellor's only one); a list to choose from when they have several."""
    slug = request.POST.get("desk") if request.method == "POST" else request.GET.get("desk")
    desks = queue.queue_desks(user=request.user)
    if not slug and desks.count() > 1:
        return render(
            request,
            "appointments/queue/desk_choice.html",
            {"desks": desks, "target": request.resolver_match.view_name, "title": title},
        )
    return queue.queue_desk(user=request.user, slug=slug)


# The kiosk ------------------------------------------------------------------------------------------------------------


def _kiosk_render(request: HttpRequest, desk: Desk, form: KioskForm, status: int = 200) -> HttpResponse:
    return render(request, "appointments/queue/kiosk.html", {"desk": desk, "form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_view
def kiosk(request: HttpRequest) -> HttpResponse:
    desk = _desk_or_choice(request, _("Take a number"))
    if isinstance(desk, HttpResponse):
        return desk
    if request.method != "POST":
        form = KioskForm(desk=desk, initial={"key": queue.kiosk_form_key(), "language": get_language()})
        return _kiosk_render(request, desk, form)
    form = KioskForm(request.POST, desk=desk)
    if form.is_valid():
        try:
            ticket, _new = queue.ticket_issue(
                desk=desk,
                reason=form.cleaned_data["reason"],
                language=form.cleaned_data["language"],
                phone=form.cleaned_data["phone"] or "",
                request_key=form.cleaned_data["key"],
            )
        except queue.QueueRefused as refused:
            form.add_error(None, refused.message)
        else:
            return redirect("queue:kiosk_ticket", public_id=ticket.public_id)
    # A new key for the next try: a form refused changed nothing.
    data = request.POST.copy()
    data["key"] = queue.kiosk_form_key()
    form.data = data
    return _kiosk_render(request, desk, form, status=400)


@require_safe
@workspace_view
def kiosk_ticket(request: HttpRequest, public_id: str) -> HttpResponse:
    ticket = queue.ticket_get(user=request.user, public_id=public_id)
    ahead = 0
    if ticket.in_line:
        ahead = queue.line(desk=ticket.desk, day=ticket.day).filter(queued_at__lt=ticket.queued_at).count()
    context = {
        "ticket": ticket,
        "ahead": ahead,
        "minutes": queue.estimated_wait_minutes(desk=ticket.desk, day=ticket.day, ahead=ahead),
        "kiosk_url": _desk_url("queue:kiosk", ticket.desk),
        "texted": bool(ticket.phone),
    }
    response = render(request, "appointments/queue/kiosk_ticket.html", context)
    # Back to the kiosk for the next person by itself, without a script.
    response["Refresh"] = f"{KIOSK_RETURN_SECONDS}; url={context['kiosk_url']}"
    return response


# The counsellor's console ---------------------------------------------------------------------------------------------


def _reasons_chosen(request: HttpRequest, desk: Desk) -> list[int] | None:
    chosen = request.session.get(SESSION_REASONS.format(desk=desk.pk))
    return [int(pk) for pk in chosen] if chosen else None


@require_safe
@workspace_view
def console(request: HttpRequest) -> HttpResponse:
    desk = _desk_or_choice(request, _("Walk-in queue"))
    if isinstance(desk, HttpResponse):
        return desk
    day = queue.today()
    chosen = _reasons_chosen(request, desk)
    call_form = CallNextForm(
        desk=desk,
        initial={
            "counter": request.session.get(SESSION_COUNTER, ""),
            "reasons": [str(pk) for pk in chosen or []],
        },
    )
    waiting = list(queue.line(desk=desk, day=day).select_related("reason"))
    context = {
        "desk": desk,
        "several": queue.queue_desks(user=request.user).count() > 1,
        "mine": queue.current_ticket(user=request.user, desk=desk, day=day),
        "call_form": call_form,
        "attach_form": AttachForm(),
        "waiting": waiting,
        "at_counters": list(queue.at_counters(desk=desk, day=day).select_related("reason")),
        "estimated": queue.estimated_wait_minutes(desk=desk, day=day, ahead=len(waiting)),
        "screen_url": reverse("queue:now_serving", args=[desk.slug]),
        "kiosk_url": _desk_url("queue:kiosk", desk),
    }
    return render(request, "appointments/queue/console.html", context)


@require_POST
@workspace_view
def call_next(request: HttpRequest) -> HttpResponse:
    desk = queue.queue_desk(user=request.user, slug=request.POST.get("desk"))
    form = CallNextForm(request.POST, desk=desk)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_desk_url("queue:console", desk))
    request.session[SESSION_COUNTER] = form.cleaned_data["counter"]
    reasons = [int(pk) for pk in form.cleaned_data["reasons"]]
    request.session[SESSION_REASONS.format(desk=desk.pk)] = reasons
    try:
        ticket = queue.ticket_call_next(
            actor=request.actor, desk=desk, counter=form.cleaned_data["counter"], reasons=reasons or None
        )
    except queue.QueueRefused as refused:
        messages.error(request, refused.message)
    else:
        if ticket is None:
            messages.info(request, _("Nobody is waiting."))
        else:
            messages.success(request, _("Number %(number)s is called.") % {"number": ticket.number})
    return redirect(_desk_url("queue:console", desk))


def _ticket_action(request: HttpRequest, public_id: str, action, done_message: str) -> HttpResponse:
    ticket = queue.ticket_get(user=request.user, public_id=public_id)
    try:
        ticket = action(actor=request.actor, ticket=ticket)
    except queue.QueueRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, done_message % {"number": ticket.number})
    return redirect(_desk_url("queue:console", ticket.desk))


@require_POST
@workspace_view
def recall(request: HttpRequest, public_id: str) -> HttpResponse:
    return _ticket_action(request, public_id, queue.ticket_recall, _("Number %(number)s is called again."))


@require_POST
@workspace_view
def no_answer(request: HttpRequest, public_id: str) -> HttpResponse:
    return _ticket_action(request, public_id, queue.ticket_no_answer, _("Number %(number)s did not answer."))


@require_POST
@workspace_view
def serve(request: HttpRequest, public_id: str) -> HttpResponse:
    return _ticket_action(request, public_id, queue.ticket_serve, _("Number %(number)s is at your counter."))


@require_POST
@workspace_view
def done(request: HttpRequest, public_id: str) -> HttpResponse:
    return _ticket_action(request, public_id, queue.ticket_done, _("Number %(number)s is served."))


@require_POST
@workspace_view
def attach(request: HttpRequest, public_id: str) -> HttpResponse:
    ticket = queue.ticket_get(user=request.user, public_id=public_id)
    form = AttachForm(request.POST)
    back = redirect(_desk_url("queue:console", ticket.desk))
    if not form.is_valid():
        messages.error(request, _("Give the file number."))
        return back
    try:
        beneficiary = queue.file_find(user=request.user, desk=ticket.desk, reference=form.cleaned_data["file"])
    except Http404:
        messages.error(request, _("No file of this desk has this number."))
        return back
    ticket = queue.ticket_attach(actor=request.actor, ticket=ticket, beneficiary=beneficiary)
    messages.success(
        request,
        _("Number %(number)s is attached to the file %(file)s.")
        % {"number": ticket.number, "file": beneficiary.file_number},
    )
    return back


# The public screen ---------------------------------------------------------------------------------------------------


@require_safe
@cache_control(no_cache=True, max_age=0)
def now_serving(request: HttpRequest, slug: str) -> HttpResponse:
    desk = queue.public_desk(slug=slug)
    state = queue.queue_state(desk=desk)
    auto = request.GET.get("refresh") == "1"
    context = {
        "state": state,
        "api_url": reverse("api:desk_queue", kwargs={"slug": desk.slug}),
        "auto": auto,
        "refresh_seconds": SCREEN_REFRESH_SECONDS,
        "language_dir": "rtl" if get_language() == "ar" else "ltr",
    }
    response = render(request, "appointments/queue/now_serving.html", context)
    if auto:
        # For screens without JavaScript (old TV browsers): a plain reload, from the link the page offers.
        response["Refresh"] = str(SCREEN_REFRESH_SECONDS)
    return response
