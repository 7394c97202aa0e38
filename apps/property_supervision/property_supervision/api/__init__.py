"""The app's whitelisted endpoints, one module per audience and topic (issue 9). Each endpoint
checks permission (or is a guest endpoint with a rate limit) before it acts; the rules it applies
live in the controllers and in rules/.

Public (guests, rate-limited, public fields only):
- `public.py`       the residents' complaint endpoints of SPEC §11 (submit, status, rating; the
                    older names `complaints.api.*` keep working)
- `disclosure.py`   /compounds, /compounds/<compound> and /credit

Integration (an API key of a `Hotline Integration` user):
- `hotline.py`      the 12345 hotline's work orders (SPEC §12)

Desk (logged-in officers and enterprise users):
- `complaints.py`   the enterprise's response to a complaint
- `follow_up.py`    an officer records a follow-up call's rating
- `working_calendar.py`  bulk entry of the working calendar
- `credit.py`       objections to credit records and their decision
- `training.py`     inviting a session's audience, signing in
- `assessment.py`   starting the year's assessments, refreshing indicators
- `search.py`       link search with row-level access (data_protection/endpoints.py)
- `facilities.py`   the district survey of facility issues (摸底) into the year's rectification plan

Number-card sources sit beside the module they count (complaints/dashboard.py,
registry/dashboard.py, registry/coverage.py, …); the framework endpoints the app guards are in
data_protection/endpoints.py."""
