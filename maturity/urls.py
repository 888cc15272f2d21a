from django.urls import path

from maturity import views

urlpatterns = [
    path("", views.home, name="home"),
    path("model/", views.model_overview, name="model_overview"),
    path("model/levels/<int:number>/", views.model_level, name="model_level"),
    path("model/laws/", views.model_laws, name="model_laws"),
    path("model/glossary/", views.model_glossary, name="model_glossary"),
    path("api/v1/model", views.api_model, name="api_model"),
]
