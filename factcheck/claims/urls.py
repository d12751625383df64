from django.urls import path

from factcheck.claims import views

app_name = "claims"
urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", views.queue, name="queue"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("claims/<int:pk>/", views.claim_panel, name="claim_panel"),
    path("claims/<int:pk>/decide/", views.decide, name="decide"),
]
