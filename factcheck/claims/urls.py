from django.urls import path

from factcheck.claims import dashboard, views

app_name = "claims"
urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", views.queue, name="queue"),
    path("queue/options/", views.queue_options, name="queue_options"),
    path("queue/export.csv", views.queue_export, name="queue_export"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("articles/import/", views.import_article_page, name="import"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("articles/<int:pk>/suggestions/", views.suggestions, name="suggestions"),
    path("articles/<int:pk>/claims/new/", views.new_claim, name="new_claim"),
    path("articles/<int:pk>/suggestions/accept-all/", views.accept_all_suggestions, name="accept_all"),
    path("suggestions/<int:pk>/decide/", views.decide_suggestion, name="decide_suggestion"),
    path("claims/<int:pk>/", views.claim_panel, name="claim_panel"),
    path("claims/<int:pk>/history/", views.claim_history, name="claim_history"),
    path("claims/<int:pk>/decide/", views.decide, name="decide"),
    path("claims/<int:pk>/decide/evidence/", views.evidence_fields, name="evidence_fields"),
    path("claims/<int:pk>/edit/", views.edit, name="edit"),
    path("claims/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("claims/<int:pk>/withdraw/form/", views.withdraw_form, name="withdraw_form"),
    path("claims/<int:pk>/restore/", views.restore, name="restore"),
    path("claims/<int:pk>/publish/", views.publish, name="publish"),
    path("claims/<int:pk>/hops/", views.hop_forms, name="hop_forms"),
    path("claims/<int:pk>/hops/<int:position>/decide/", views.decide_hop, name="decide_hop"),
    path("claims/<int:pk>/claimreview.json", views.claimreview, name="claimreview"),
    path("articles/<int:pk>/claimreview.json", views.article_claimreview, name="article_claimreview"),
    path("sources/", views.sources, name="sources"),
    path("sources/options/", views.source_options, name="source_options"),
    path("sources/<int:pk>/", views.source_detail, name="source"),
    path("sources/<int:pk>/merge/", views.merge_source, name="merge_source"),
    path("sources/aliases/<int:pk>/split/", views.split_source_alias, name="split_alias"),
]
