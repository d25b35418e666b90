"""The second factor: a TOTP application, with single-use recovery codes (django-otp's devices).

`services` holds the rules (who must have one) and the writes (enrol, check a code, regenerate,
disable); `middleware` makes every page wait for it; `views`, `forms` and `urls` are its pages.
"""
