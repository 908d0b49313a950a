"""Generate a large, realistic, fully published site (see portal.sitegen)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal import sitegen


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
        if options["industries"] < 1:
            raise CommandError("--industries must be at least 1")
        for name in ("guideline_items", "cases", "courses", "drills", "events", "search_docs"):
            if options[name] < 0:
                raise CommandError(f"--{name.replace('_', '-')} must not be negative")
        pages, industries = sitegen.existing_generated()
        if pages or industries:
            raise CommandError(
                f"此数据库中已有生成的内容({pages} 个页面、{industries} 个行业,地址以 “{sitegen.PREFIX}” 开头),"
                "再次生成会重复。请在新建并迁移的数据库上运行。 / "
                f"This database already holds generated content ({pages} pages, {industries} industries "
                f"with slugs/codes starting '{sitegen.PREFIX}'); generating again would duplicate them. "
                "Run it on a freshly migrated database."
            )
        sitegen.generate_site(
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
            # What autovacuum would do a minute later: without statistics on the bulk-loaded
            # tables the planner walks all 20,000 pages for a "latest five guidelines" feed.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS("生成完毕 / site generated"))
