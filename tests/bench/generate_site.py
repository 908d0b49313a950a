"""Generate a large, realistic, fully published site (the factories in ``tests/bench/factories/``).

Run on a freshly migrated database, with the settings manage.py would use:
    .venv/bin/python tests/bench/generate_site.py [--cases 200 --events 200 --search-docs 20000 …]
(DJANGO_SETTINGS_MODULE defaults to portal.settings.dev; DATABASE_URL as for manage.py). It lives
with the benchmarks, not as a management command: production code imports nothing from tests/.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from django.core.management.base import BaseCommand, CommandError  # noqa: E402
from django.db import connection  # noqa: E402


class Command(BaseCommand):
    help = "生成大规模演示站点 / Generate a large published site for benchmarks (run after migrate)."

    def add_arguments(self, parser):
        parser.add_argument("--industries", type=int, default=5)
        parser.add_argument("--guideline-items", type=int, default=500)
        parser.add_argument("--cases", type=int, default=200)
        parser.add_argument("--courses", type=int, default=50)
        parser.add_argument("--drills", type=int, default=20)
        parser.add_argument("--events", type=int, default=200)
        parser.add_argument(
            "--search-docs",
            type=int,
            default=20000,
            help="total number of search documents wanted; standard pages make up the difference",
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        from tests.bench import factories

        if options["industries"] < 1:
            raise CommandError("--industries must be at least 1")
        for name in ("guideline_items", "cases", "courses", "drills", "events", "search_docs"):
            if options[name] < 0:
                raise CommandError(f"--{name.replace('_', '-')} must not be negative")
        pages, industries = factories.existing_generated()
        if pages or industries:
            raise CommandError(
                f"此数据库中已有生成的内容({pages} 个页面、{industries} 个行业,地址以 “{factories.PREFIX}” 开头),"
                "再次生成会重复。请在新建并迁移的数据库上运行。 / "
                f"This database already holds generated content ({pages} pages, {industries} industries "
                f"with slugs/codes starting '{factories.PREFIX}'); generating again would duplicate them. "
                "Run it on a freshly migrated database."
            )
        factories.generate_site(
            industries=options["industries"],
            guideline_items=options["guideline_items"],
            cases=options["cases"],
            courses=options["courses"],
            drills=options["drills"],
            events=options["events"],
            search_docs=options["search_docs"],
            seed=options["seed"],
            log=lambda line: self.stdout.write(f"· {line}", ending="\n") or self.stdout.flush(),
        )
        if connection.vendor == "postgresql":
            # What autovacuum would do later: without statistics on the bulk-loaded tables the
            # planner walks all 20,000 pages for a "latest five guidelines" feed, and until the
            # new rows are marked all-visible no index answers a query alone.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")
        self.stdout.write(self.style.SUCCESS("生成完毕 / site generated"))


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()
    argv = sys.argv[1:] if argv is None else argv
    Command().run_from_argv([sys.argv[0], "generate_site", *argv])


if __name__ == "__main__":
    main()
