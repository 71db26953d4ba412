"""The whole web app (aiohttp): everything a resident or a staff member reaches in a browser.

The name is historical: the kiosk page is one room of many. `app.create_app` builds the app
and mounts each room through its `add_routes`:

- `edge`: what every request passes through (middlewares, headers, errors, language,
  request bodies, the client's address) and /healthz;
- `answering`: the JSON API, the public web survey, the kiosk page, the comment check;
- `results`: the published results of a campaign;
- `promises`: the public pages of citizen promises;
- `follow`: hearing back (subscribing, confirming, stopping, answering);
- `information`: the accessibility statement and the privacy notice;
- `staff`: the staff pages, a sub-application at /staff/ with rooms of its own.

What every room uses lies loose here: the app's typed keys (`app_keys`), its settings
(`config`), its clock, the request's translations (`i18n`) and the campaign header.
"""
