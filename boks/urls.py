from csp.decorators import csp_exempt
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from boks.accounts.admin import beheer_site
from boks.accounts.urls import api_urlpatterns as accounts_api
from boks.dossiers.urls import api_urlpatterns as dossiers_api
from boks.gezinsplan.urls import api_urlpatterns as gezinsplan_api
from boks.maatwerk.urls import api_urlpatterns as maatwerk_api
from boks.privacy.urls import api_urlpatterns as privacy_api
from boks.rapportage.urls import api_urlpatterns as rapportage_api
from boks.wattelt.urls import api_urlpatterns as wattelt_api

from . import views

handler500 = "boks.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("account/", include("allauth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("beheer/", beheer_site.urls),
    path("", include("boks.accounts.urls")),
    path("", include("boks.dossiers.urls")),
    path("", include("boks.wattelt.urls")),
    path("", include("boks.gezinsplan.urls")),
    path("", include("boks.maatwerk.urls")),
    path("", include("boks.documenten.urls")),
    path("", include("boks.rapportage.urls")),
    path("", include("boks.privacy.urls")),
    path("portaal/", include("boks.portal.urls")),
    path("berichten/", include("boks.notifications.urls")),
    path("", include("boks.audit.urls")),
    path(
        "api/v1/",
        include(
            accounts_api + dossiers_api + gezinsplan_api + wattelt_api + maatwerk_api + rapportage_api + privacy_api
        ),
    ),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # Swagger UI starts itself with an inline script; the page holds no dossier data.
    path("api/v1/docs/", csp_exempt()(SpectacularSwaggerView.as_view(url_name="api_schema")), name="api_docs"),
]
