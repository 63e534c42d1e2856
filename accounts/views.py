"""Staff sign-in: the password, then the authenticator app's code (set up at the first sign-in), and sign-out.

Every account that signs in with a password is staff and needs the second
step (``accounts/second_factor.py``); a person's own account, signed in with
a one-time code, is sent to their own space instead. Once signed in, staff
land in the workspace (``people:today``) unless a safe ``next`` says where.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import second_factor
from accounts.forms import SecondFactorForm
from accounts.selectors import is_own_file_account


class SignInView(auth_views.LoginView):
    """The password step; the code step (accounts/second_factor.py) comes next, whatever the destination."""

    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        return _with_next("accounts:second_factor", self.get_redirect_url() or reverse("people:today"))


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse("people:today")


@require_http_methods(["GET", "HEAD", "POST"])
def second_factor_check(request: HttpRequest) -> HttpResponse:
    """The code step after the password: the code of the staff member's authenticator app."""
    if not request.user.is_authenticated:
        return redirect_to_login(_next_url(request))
    if is_own_file_account(request.user):
        return redirect("me:home")  # a person's own account signs in with one-time codes, not an app
    if request.user.is_verified():
        return redirect(_next_url(request))
    if second_factor.totp_device_confirmed(user=request.user) is None:
        return redirect(_with_next("accounts:second_factor_enrol", _next_url(request)))
    form = SecondFactorForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = second_factor.second_factor_verify(request=request, token=form.cleaned_data["token"])
            if outcome is second_factor.Outcome.PASSED:
                return redirect(_next_url(request))
            if outcome is second_factor.Outcome.THROTTLED:
                status = 429
                form.add_error("token", _("Too many wrong codes. Wait a minute, then type the code shown now."))
            else:
                form.add_error("token", _("This code is wrong or was already used. Type the code shown now."))
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/second_factor.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def second_factor_enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in of a staff member: set up an authenticator app with a QR code (or the secret typed in)."""
    if not request.user.is_authenticated:
        return redirect_to_login(_next_url(request))
    if is_own_file_account(request.user):
        return redirect("me:home")
    if request.user.is_verified() or second_factor.totp_device_confirmed(user=request.user) is not None:
        return redirect(_with_next("accounts:second_factor", _next_url(request)))
    device = second_factor.totp_device_enrol(user=request.user)
    form = SecondFactorForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            outcome = second_factor.second_factor_enrol_confirm(request=request, token=form.cleaned_data["token"])
            if outcome is second_factor.Outcome.PASSED:
                messages.success(request, _("Your authenticator app is set up. You need its code at each sign-in."))
                return redirect(_next_url(request))
            if outcome is second_factor.Outcome.THROTTLED:
                status = 429
                form.add_error("token", _("Too many wrong codes. Wait a minute, then type the code shown now."))
            else:
                form.add_error("token", _("This code is wrong. Check the phone's time, then type the code shown now."))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": second_factor.totp_qr_code_svg(device),
        "secret": second_factor.totp_secret_text(device),
    }
    return render(request, "accounts/second_factor_enrol.html", context, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("accounts:sign_in")
