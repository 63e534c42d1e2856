"""The staff report's downloads, under /<lang>/desk/: the same query as the page, as XLSX or PDF; prepared exports."""

from django.urls import path

from reporting import export_views
from reporting.models import ExportFormat

app_name = "reporting_exports"

urlpatterns = [
    path("reports.xlsx", export_views.report_download, {"format": ExportFormat.XLSX}, name="xlsx"),
    path("reports.pdf", export_views.report_download, {"format": ExportFormat.PDF}, name="pdf"),
    path("reports/exports/<str:public_id>/", export_views.export_page, name="export"),
    path("reports/exports/<str:public_id>/file", export_views.export_file, name="export_file"),
]
