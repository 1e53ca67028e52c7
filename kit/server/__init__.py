"""The kit's servers: `kit serve` (one Voila app) and `kit hub` (a JupyterHub for a county).

hosts.py     Host/Origin checks against DNS rebinding, for every server below
voila.py     `kit serve`: Voila on the fill-in notebook
roster.py    the county's roster: users, roles (填报人, 审核人, 管理员), bodies
scope.py     the store a logged-in user gets: only their bodies
hubconfig.py the JupyterHub configuration made from the kit's settings and the roster
hubapp.py    the hub process (JupyterHub with the host check)
singleuser.py each user's server: Voila for clerks, the kit's pages, no code from the browser
pages.py     the pages of a user's server: 我的报告, 审核, 花名册
"""
