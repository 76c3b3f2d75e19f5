from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "counterpart.geo"
    verbose_name = _("Regions and pairings")
