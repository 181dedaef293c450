from django.urls import path

from . import avg, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("huishouden/<int:huishouden_id>/", views.choose_household, name="choose_household"),
    path("tijdlijn/", views.timeline, name="timeline"),
    path("plan/", views.plan, name="plan"),
    path("afspraken/<int:afspraak_id>/", views.afspraak_done, name="afspraak_done"),
    path("wat-telt/", views.wattelt, name="wattelt"),
    path("wat-telt/invullen/", views.wattelt_invullen, name="wattelt_invullen"),
    path("documenten/", views.documents, name="documents"),
    path("documenten/nieuw/", views.text_new, name="text_new"),
    path("documenten/<int:document_id>/", views.text, name="text"),
    path("documenten/<int:document_id>/versies/<int:versie_id>/", views.document_download, name="download"),
    path("vragenlijsten/", views.questionnaires, name="questionnaires"),
    path("vragenlijsten/<int:vragenlijst_id>/", views.questionnaire, name="questionnaire"),
    path("aanvragen/", views.requests, name="requests"),
    path("links/", views.links, name="links"),
    path("wie-keek-mee/", views.who_viewed, name="who_viewed"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/mijn-gegevens.pdf", avg.privacy_download_pdf, name="privacy_download_pdf"),
    path("privacy/mijn-gegevens.json", avg.privacy_download_json, name="privacy_download_json"),
    path("privacy/verbeteren/", avg.privacy_verbeteren, name="privacy_verbeteren"),
    path("privacy/afschrift/", avg.privacy_inzage, name="privacy_inzage"),
    path("privacy/vernietigen/", avg.privacy_vernietigen, name="privacy_vernietigen"),
    path("activeren/<str:token>/", views.activate, name="activate"),
]
