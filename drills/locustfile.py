"""The load drill's users (locust): signed-in MASH staff opening the screening queue, a child's
record and the MASH overview, one after another with a short think time. Sessions and the
children to open come from the drill (DRILL_COOKIES, DRILL_CHILDREN), made before it starts."""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, task

COOKIES = itertools.cycle(json.loads(os.environ["DRILL_COOKIES"]))
CHILDREN = json.loads(os.environ["DRILL_CHILDREN"])


class MashStaff(HttpUser):
    wait_time = between(0.1, 0.3)

    def on_start(self) -> None:
        name, value = next(COOKIES).split("=", 1)
        self.client.cookies.set(name, value)

    @task(3)
    def screening_queue(self) -> None:
        self.client.get("/contacts/queues/screening/", name="screening queue")

    @task(3)
    def childs_record(self) -> None:
        child = random.choice(CHILDREN)  # noqa: S311
        self.client.get(f"/children/{child}/", name="child's record")

    @task(2)
    def overview(self) -> None:
        self.client.get("/oversight/", name="MASH overview")
