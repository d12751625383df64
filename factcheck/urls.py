from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from factcheck.accounts.forms import LoginForm

urlpatterns = [
    path("", include("factcheck.claims.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on every page, the admin's included.
    path("favicon.ico", login_not_required(RedirectView.as_view(url=static("favicon.svg"))), name="favicon"),
]

handler400 = "factcheck.errors.bad_request"
handler403 = "factcheck.errors.permission_denied"
handler404 = "factcheck.errors.page_not_found"
handler500 = "factcheck.errors.server_error"
