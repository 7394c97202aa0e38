"""Link search that keeps row-level access: implemented with the other guarded framework
endpoints in data_protection/endpoints.py (kept importable from here)."""

from property_supervision.data_protection.endpoints import search_link, search_widget

__all__ = ["search_link", "search_widget"]
