"""Standard pages (问答、解读、清单…) in a knowledge section: the bulk of a large search index."""

from wagtail.rich_text import RichText

from portal.demo import ensure_child
from portal.models import StandardPage
from tests.bench.factories.pages import bulk_add_pages, finish_pages, generated_slug, next_number
from tests.bench.factories.vocabulary import ARTICLE_KINDS, INDUSTRY_NAMES, PREFIX, TERMS, Text


def ensure_articles_section(home):
    return ensure_child(
        home,
        StandardPage,
        f"{PREFIX}knowledge",
        title="合规知识库",
        intro="合规问答、政策解读与风险提示。",
    )


def generate_articles(parent, count, seed=2026, finish=True, batch=2000):
    """``count`` standard pages (问答、解读、清单…) under ``parent``: the bulk of a large search index."""
    text = Text((seed, "articles", count).__repr__())
    industries = [name for name, _icon in INDUSTRY_NAMES]
    number = next_number(parent, "article")
    created = []
    for start in range(0, count, batch):
        pages = []
        for n in range(start, min(count, start + batch)):
            industry = text.pick(industries)
            term = text.pick(TERMS)
            pages.append(
                StandardPage(
                    title=f"{industry}行业{term}{text.pick(ARTICLE_KINDS)}第{number + n}号",
                    slug=generated_slug("article", number + n),
                    intro=text.sentence(),
                    # Short, like the search benchmark's documents: segmentation dominates the time.
                    body=[("paragraph", RichText(f"<p>{text.paragraph(2, 5)}</p>"))],
                )
            )
        bulk_add_pages(parent, pages)
        if finish:
            # Plain text only: such pages reference nothing, so the reference index has no rows for them.
            finish_pages(pages, references=False)
        created.extend(pages)
    return created
