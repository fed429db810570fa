"""WhiteNoise for the test processes: the static files are scanned once per process, not once per test client.

Django's test client builds the middleware chain anew for every `Client`, and WhiteNoise's constructor walks every
file the finders know (≈ 800, the npm packages included), stats each and builds its headers: about 80 ms for every
test that makes a request, minutes of CPU over `make test`. The files do not change while the tests run, so the first
instance's table is shared; what is served, with which headers, is exactly what production's middleware serves."""

from whitenoise.middleware import WhiteNoiseMiddleware


class ScannedOnceWhiteNoiseMiddleware(WhiteNoiseMiddleware):
    _scanned: dict | None = None  # url → StaticFile, from the first instance in this process

    def add_files_from_finders(self):
        cls = type(self)
        if cls._scanned is None:
            super().add_files_from_finders()
            cls._scanned = dict(self.files)
        else:
            self.files.update(cls._scanned)
