"""Every chart of the collection, with one look: the same fonts, palette, title and source line.

Each function takes a tidy DataFrame, draws on a new figure of an explicit size, and returns the
``Figure`` (notebooks end the cell with ``plt.show()``). Every chart has a title, labelled axes
and a source line at the bottom, so it can be dropped into a briefing as it is.

Print rules live here, once: the Okabe-Ito palette (safe for colour-blind readers), no text
smaller than 8 pt (charts meant for print are drawn at most :data:`PRINT_WIDTH` inches wide, so
8 pt in the figure is 8 pt on paper), SVG output with real text, and text never read as math:
a ``$`` in an article's headline or a speaker's name is printed as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes

#: One palette for every chart, Okabe & Ito's colour-blind-safe set (blue, vermillion, bluish
#: green, orange, reddish purple, sky blue, yellow), then grey; categorical colours in this order.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442", "#707070"]
POSITIVE = "#009E73"
NEGATIVE = "#D55E00"
NEUTRAL = "#707070"
DEFAULT_SIZE = (9.0, 4.5)
#: Widest chart that prints at its own size on A4 or Letter with the briefing's margins (inches).
PRINT_WIDTH = 7.0
#: Smallest font size on any chart (points).
MIN_FONT = 8.0


def apply_style() -> None:
    """Set the shared matplotlib/seaborn style (fonts, grid, palette, figure size)."""
    sns.set_theme(style="whitegrid", palette=PALETTE, font_scale=0.95)
    plt.rcParams.update(
        {
            "figure.figsize": DEFAULT_SIZE,
            "figure.dpi": 100,
            "axes.titleweight": "bold",
            "axes.titlesize": 12,
            "axes.titlelocation": "left",
            "svg.hashsalt": "article-as-data",
            "svg.fonttype": "none",  # real, searchable text in SVG and in the PDF
            "text.usetex": False,
            "text.parse_math": False,  # "$x$" in a headline stays "$x$"
            "font.size": 9.0,
            "xtick.labelsize": 8.5,
            "ytick.labelsize": 8.5,
            "legend.fontsize": 8.0,
            "legend.title_fontsize": 8.5,
        }
    )


def new_figure(size: tuple[float, float] = DEFAULT_SIZE) -> tuple[plt.Figure, Axes]:
    """A new figure and axes of an explicit size (nbval compares the size text)."""
    apply_style()
    return plt.subplots(figsize=size)


def finish(
    fig: plt.Figure, ax: Axes, title: str, xlabel: str, ylabel: str, source: str
) -> plt.Figure:
    """Title, axis labels and the source line every chart carries (wrapped to the figure's
    width, so a long list of sources is never cut at the edge)."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.tight_layout(rect=(0, source_line(fig, source), 1, 1))
    return fig


def source_line(fig: plt.Figure, source: str) -> float:
    """Write "Source: ..." at the bottom of ``fig``, wrapped to its width; return the height
    it takes as a fraction of the figure (the layout keeps clear of it)."""
    import textwrap

    width, height = fig.get_size_inches()
    lines = textwrap.wrap(f"Source: {source}", width=max(40, int(width * 15)))
    fig.text(0.01, 0.01, "\n".join(lines), fontsize=MIN_FONT, color=NEUTRAL, ha="left",
             va="bottom")
    return min(0.4, (0.08 + 0.16 * len(lines)) / height)


def bar_counts(
    counts: pd.Series,
    title: str,
    xlabel: str,
    ylabel: str,
    source: str,
    size: tuple[float, float] = DEFAULT_SIZE,
    color: str = PALETTE[0],
) -> plt.Figure:
    """A horizontal bar chart of counts, largest at the top (labels stay readable)."""
    fig, ax = new_figure(size)
    ordered = counts.sort_values(ascending=True)
    ax.barh([str(i) for i in ordered.index], ordered.to_numpy(), color=color)
    for y, value in enumerate(ordered.to_numpy()):
        ax.text(value, y, f" {value:g}", va="center", fontsize=9)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return finish(fig, ax, title, xlabel, ylabel, source)


def heatmap(
    matrix: pd.DataFrame,
    title: str,
    xlabel: str,
    ylabel: str,
    source: str,
    size: tuple[float, float] = (8.0, 6.5),
) -> plt.Figure:
    """An annotated heatmap of a square or rectangular count matrix."""
    fig, ax = new_figure(size)
    sns.heatmap(matrix, annot=True, fmt="g", cmap="Blues", cbar=False, linewidths=0.5, ax=ax)
    return finish(fig, ax, title, xlabel, ylabel, source)


def words_per_sentence(sentences: pd.DataFrame) -> pd.Series:
    """Words (white-space separated) per sentence, indexed by sentence id: the data of
    :func:`sentence_lengths`, so prose about the chart can be computed from the same numbers."""
    words = sentences["text"].str.split().str.len()
    return pd.Series(words.to_numpy(), index=sentences["sentence_id"].to_numpy(), name="words")


def sentence_lengths(sentences: pd.DataFrame, title: str, source: str,
                     size: tuple[float, float] = (9.0, 4.5)) -> plt.Figure:
    """Words per sentence in reading order, coloured by kind (headline, caption, body...)."""
    fig, ax = new_figure(size)
    kinds = list(dict.fromkeys(sentences["kind"]))
    colours = {kind: PALETTE[i % len(PALETTE)] for i, kind in enumerate(kinds)}
    words = words_per_sentence(sentences).to_numpy()
    ax.bar(sentences["sentence_id"], words, color=[colours[k] for k in sentences["kind"]])
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[k]) for k in kinds]
    ax.legend(handles, kinds, title="kind", loc="upper right", frameon=False)
    ax.set_xticks(sentences["sentence_id"])
    return finish(fig, ax, title, "sentence id (reading order)", "words", source)


def signed_network(
    graph: nx.Graph,
    positions: dict,
    title: str,
    source: str,
    size: tuple[float, float] = (10.0, 7.5),
) -> plt.Figure:
    """A signed network: friendly ties solid green, hostile ties dashed red, each labelled.

    ``graph`` is a networkx graph whose edges carry ``sign`` (+1, -1, 0) and ``relations``
    (the label) and optionally ``hedged`` (drawn fainter); ``positions`` maps node -> (x, y),
    e.g. from :func:`analysis.network.layout`, so the picture is the same on every run.
    The axes are hidden: position carries no scale, only who sits near whom.
    """
    import networkx as nx
    from matplotlib.lines import Line2D

    fig, ax = new_figure(size)
    styles = {1: (POSITIVE, "solid"), -1: (NEGATIVE, "dashed"), 0: (NEUTRAL, "dotted")}
    for sign, (colour, style) in styles.items():
        for hedged, alpha in ((False, 0.9), (True, 0.45)):
            edges = [
                (u, v) for u, v, d in sorted(graph.edges(data=True), key=lambda e: e[:2])
                if d.get("sign", 0) == sign and bool(d.get("hedged", False)) is hedged
            ]
            if edges:
                nx.draw_networkx_edges(graph, positions, edgelist=edges, edge_color=colour,
                                       style=style, width=2.2, alpha=alpha, ax=ax)
    nx.draw_networkx_labels(graph, positions, font_size=9.5, font_weight="bold", ax=ax,
                            bbox={"boxstyle": "round,pad=0.35", "fc": "#dce6f2",
                                  "ec": PALETTE[0], "lw": 1.2})
    placed: list[tuple[float, float]] = []
    for u, v, d in sorted(graph.edges(data=True), key=lambda e: tuple(sorted(e[:2]))):
        (x1, y1), (x2, y2) = positions[u], positions[v]
        # Midpoint, unless another label is already there (crossing edges): then slide along.
        for frac in (0.5, 0.35, 0.65, 0.25, 0.75):
            x, y = x1 + (x2 - x1) * frac, y1 + (y2 - y1) * frac
            if all(abs(x - px) + abs(y - py) > 0.2 for px, py in placed):
                break
        placed.append((x, y))
        ax.text(x, y, d.get("relations", ""), fontsize=MIN_FONT, color="#333333", ha="center",
                va="center", bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                   "alpha": 0.85})
    handles = [
        Line2D([0], [0], color=POSITIVE, lw=2.2, label="positive tie (+1)"),
        Line2D([0], [0], color=NEGATIVE, lw=2.2, ls="dashed", label="negative tie (−1)"),
        Line2D([0], [0], color=NEUTRAL, lw=2.2, ls="dotted", label="mixed tie (±)"),
        Line2D([0], [0], color=NEUTRAL, lw=2.2, alpha=0.45, label="hedged in the text"),
    ]
    ax.legend(handles=handles, loc="lower right", frameon=True, fontsize=8)
    ax.margins(0.12)
    ax.set_axis_off()
    return finish(fig, ax, title, "", "", source)


def _range_text(low, best, high) -> str:
    """A range as a reader says it: "1,234", "≥ 7,300", "30,000–69,999 (best 50,000)"."""
    def fmt(v) -> str:
        return f"{int(v):,}"

    if pd.isna(low) and pd.isna(high):
        return "" if pd.isna(best) else fmt(best)
    if pd.isna(high):
        return f"\u2265 {fmt(low)}"
    if pd.isna(low):
        return f"\u2264 {fmt(high)}"
    if low == high:
        return fmt(low)
    middle = "" if pd.isna(best) else f" (best {fmt(best)})"
    return f"{fmt(low)}\u2013{fmt(high)}{middle}"


def interval_chart(
    comparison: pd.DataFrame,
    title: str,
    xlabel: str,
    source: str,
    size: tuple[float, float] | None = None,
    highlight: str = "the article",
    compact: bool = False,
) -> plt.Figure:
    """Ranges on a log scale, grouped, coloured by source and labelled with their as-of date.

    ``comparison`` needs ``group``, ``who``, ``label``, ``low``, ``best``, ``high``, ``as_of``
    and ``status`` (as from :func:`analysis.reference.compare_with_reference`). An open end
    (empty ``low`` or ``high``) is a short arrow, not a long bar, so "more than 507,000" does
    not look like a range up to millions. Rows whose ``who`` is ``highlight`` are drawn thick
    and black; secondary and unconfirmed figures get a hollow marker so they never look as
    solid as a checked one. Each row is labelled with its range and as-of date.

    ``compact=True`` fits a printed page (:data:`PRINT_WIDTH`): the as-of month and status go
    into the row label, the range text is left out, and the legend goes under the chart.
    """
    import textwrap

    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter, LogLocator

    rows = comparison.reset_index(drop=True)
    if rows.empty or not (pd.concat([rows["low"], rows["best"], rows["high"]]).dropna() > 0).any():
        raise ValueError("interval_chart: no positive figure to draw")
    size = size or (12.0, 1.4 + 0.3 * (len(rows) + rows["group"].nunique()))
    fig, ax = new_figure(size)
    values = pd.concat([rows["low"], rows["best"], rows["high"]]).dropna().astype(float)
    values = values[values > 0]
    xmin, xmax = values.min() / 4, values.max() * 40
    sources = [w for w in dict.fromkeys(rows["who"]) if w != highlight]
    # The palette's six colours (grey and the first blue are kept for the article and axes),
    # then distinct extra hues: a source list can be long.
    choices = PALETTE[1:7]
    colours = {w: choices[i % len(choices)] for i, w in enumerate(sources)}
    colours[highlight] = "#111111"
    # more sources than colours: the second round of colours is dashed, the third dotted
    styles = {w: ("solid", "dashed", "dotted")[(i // len(choices)) % 3]
              for i, w in enumerate(sources)}
    styles[highlight] = "solid"
    y, ticks, labels = 0.0, [], []
    for group, part in rows.groupby("group", sort=False):
        ax.text(xmin * 1.05, y - 0.1, group, fontsize=9, fontweight="bold", va="bottom")
        y += 0.75
        for row in part.itertuples():
            colour = colours[row.who]
            mine = row.who == highlight
            known = [float(v) for v in (row.low, row.best, row.high) if not pd.isna(v)]
            low = float(row.low) if not pd.isna(row.low) else min(known) / 2.5
            high = float(row.high) if not pd.isna(row.high) else max(known) * 2.5
            ax.plot([low, high], [y, y], color=colour, lw=7 if mine else 3,
                    alpha=0.8, solid_capstyle="butt", linestyle=styles[row.who])
            if pd.isna(row.high):
                ax.plot([high], [y], marker=">", color=colour, ms=7)
            if pd.isna(row.low):
                ax.plot([low], [y], marker="<", color=colour, ms=7)
            checked = row.status in ("confirmed", "as written")
            if not pd.isna(row.best):
                ax.plot([float(row.best)], [y], marker="D" if mine else "o", ms=8 if mine else 6,
                        color=colour, markerfacecolor=colour if checked else "white",
                        markeredgewidth=1.5)
            note = f"{_range_text(row.low, row.best, row.high)}  \u00b7  as of {row.as_of}"
            if not checked:
                note += f"  \u00b7  {row.status.upper()}"
            label = row.label
            if compact:
                label += f" ({str(row.as_of)[:7]}{'' if checked else ', ' + row.status})"
                label = "\n".join(textwrap.wrap(label, 40))
            else:
                ax.text(high * 1.25, y, note, fontsize=MIN_FONT, va="center", color="#333333")
            ticks.append(y)
            labels.append(label)
            y += 1
        y += 0.4
    ax.set_xscale("log")
    ax.set_xlim(xmin, values.max() * 3 if compact else xmax)
    # plain numbers with thousands separators ("10,000"), not "10^4" mathtext
    ax.xaxis.set_major_locator(LogLocator(base=10))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
    ax.set_ylim(y - 0.2, -0.6)
    ax.set_yticks(ticks, labels, fontsize=8)
    ax.grid(axis="y", visible=False)
    handles = [Line2D([0], [0], color=colours[w], lw=6 if w == highlight else 3, label=w,
                      linestyle=styles[w]) for w in [highlight, *sources]]
    handles.append(Line2D([0], [0], color=NEUTRAL, marker="o", lw=0, markerfacecolor="white",
                          label="secondary or unconfirmed"))
    handles.append(Line2D([0], [0], color=NEUTRAL, marker=">", lw=2, label="open end"))
    if compact:
        below = -0.55 / (size[1] * 0.8)  # under the axis label, about 0.55 inch down
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, below),
                  fontsize=MIN_FONT, frameon=False, ncol=2, title="source", title_fontsize=8)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=12)
        return finish(fig, ax, "", xlabel, "", source)
    else:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  fontsize=MIN_FONT, frameon=False, title="source", title_fontsize=8)
    return finish(fig, ax, title, xlabel, "", source)


def stacked_counts(
    table: pd.DataFrame,
    title: str,
    xlabel: str,
    ylabel: str,
    source: str,
    size: tuple[float, float] = (9.0, 6.0),
) -> plt.Figure:
    """Horizontal stacked bars: one bar per row of ``table`` (first row at the top), one colour
    per column, with the row total at the end of each bar."""
    fig, ax = new_figure(size)
    rows = list(table.index)[::-1]
    left = pd.Series(0.0, index=rows)
    for i, column in enumerate(table.columns):
        values = table.loc[rows, column].astype(float)
        ax.barh([str(r) for r in rows], values.to_numpy(), left=left.to_numpy(),
                color=PALETTE[i % len(PALETTE)], label=str(column))
        left = left + values
    for y, total in enumerate(left.to_numpy()):
        ax.text(total, y, f" {total:g}", va="center", fontsize=9)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(title=table.columns.name, loc="lower right", frameon=True)
    return finish(fig, ax, title, xlabel, ylabel, source)


#: Colour of each status on the timeline.
STATUS_COLOURS = {"held": PALETTE[0], "planned": PALETTE[3], "negated": NEUTRAL,
                  "unknown": PALETTE[4]}  # fmt: skip


def _draw_timeline_items(ax, rows: pd.DataFrame, xlim: tuple) -> None:
    """One lane per item: a point for a day, a bar over its span for a week, month or year."""
    from datetime import timedelta

    span = xlim[1] - xlim[0]
    for y, row in enumerate(rows.itertuples(index=False)):
        colour = STATUS_COLOURS.get(row.status, NEUTRAL)
        start, end = row.start, row.end + timedelta(days=1)
        planned, negated = row.status == "planned", row.status == "negated"
        if row.precision == "day":
            if row.end > row.start:  # "after May 3": a point, then a thin line to its end
                ax.plot([start, end], [y, y], color=colour, lw=1.5, ls=":")
            ax.plot([start], [y], marker="X" if negated else "o", ms=9, color=colour,
                    markerfacecolor="white" if planned else colour, markeredgewidth=2,
                    linestyle="none")  # fmt: skip
        else:
            ax.barh(y, end - start, left=start, height=0.5, color="white" if planned or negated
                    else colour, edgecolor=colour, hatch="///" if planned else "xx" if negated
                    else None, linewidth=1.5)  # fmt: skip
        right_room = (xlim[1] - end) / span
        if right_room > 0.35:
            ax.text(end + span * 0.01, y, row.label, va="center", ha="left", fontsize=8.5)
        else:
            ax.text(start - span * 0.01, y, row.label, va="center", ha="right", fontsize=8.5)
    ax.set_ylim(len(rows) - 0.4, -0.8)
    ax.set_yticks([])
    ax.set_xlim(*xlim)
    ax.grid(axis="y", visible=False)


def timeline(
    items: pd.DataFrame,
    title: str,
    source: str,
    published: object = None,
    zoom_months: int = 4,
    size: tuple[float, float] = (11.0, 8.0),
) -> plt.Figure:
    """The story on a time axis: the whole span on top, the months around publication below.

    ``items`` needs ``label``, ``date_start``, ``date_end`` (ISO), ``precision`` (day | week |
    month | year) and ``status`` (held | planned | negated | unknown), as from
    :func:`analysis.events.timeline_items`. A day is a point; a week, month or year is a bar
    over its span, so a month-precise date never looks like a day. Planned is hollow or
    hatched, negated grey and crossed. Each item has its own lane, so labels never collide.
    Years of background and the days around the article are both readable because they are drawn on
    two axes: the overview (everything that starts before the zoom window) and the zoom.
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = items.copy()
    rows["start"] = pd.to_datetime(rows["date_start"])
    rows["end"] = pd.to_datetime(rows["date_end"])
    rows = rows.sort_values(["start", "end"], kind="stable").reset_index(drop=True)
    pub = pd.Timestamp(published) if published is not None else rows["end"].max()
    zoom_start = (pub - pd.DateOffset(months=zoom_months)).to_period("M").to_timestamp()
    zoom_end = max(pub, rows["end"].max()) + pd.Timedelta(days=12)
    early = rows[rows["start"] < zoom_start].reset_index(drop=True)
    late = rows[rows["start"] >= zoom_start].reset_index(drop=True)

    apply_style()
    fig = plt.figure(figsize=size)
    grid = fig.add_gridspec(2, 1, height_ratios=[max(len(early), 1) + 1.5, max(len(late), 1) + 1])
    top, bottom = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])

    first = rows["start"].min() if len(rows) else zoom_start
    overview = (pd.Timestamp(year=first.year - 1, month=1, day=1), zoom_end + pd.Timedelta(days=60))
    _draw_timeline_items(top, early, overview)
    if early.empty:
        top.text(0.5, 0.5, f"nothing dated before {zoom_start:%B %Y}", transform=top.transAxes,
                 ha="center", va="center", fontsize=9, color=NEUTRAL)  # fmt: skip
    top.axvspan(zoom_start, zoom_end, color=PALETTE[5], alpha=0.12, lw=0)
    top.text(zoom_start, -0.7, "zoom below ", ha="right", va="center", fontsize=8,
             color=PALETTE[5])  # fmt: skip
    top.xaxis.set_major_locator(mdates.YearLocator())
    top.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    top.set_title(title)
    top.set_xlabel("year")

    _draw_timeline_items(bottom, late, (zoom_start, zoom_end))
    bottom.xaxis.set_major_locator(mdates.MonthLocator())
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    for ax in (top, bottom):
        ax.axvline(pub, color=NEGATIVE, ls="--", lw=1)
    bottom.text(pub, -0.7, " published", color=NEGATIVE, fontsize=8, va="center")

    handles = [
        Line2D([0], [0], marker="o", color=STATUS_COLOURS["held"], lw=0, ms=8, label="held, day"),
        Line2D([0], [0], marker="o", color=STATUS_COLOURS["planned"], markerfacecolor="white",
               markeredgewidth=2, lw=0, ms=8, label="planned, day"),  # fmt: skip
        Patch(color=STATUS_COLOURS["held"], label="held, month or year (bar = its span)"),
        Patch(facecolor="white", edgecolor=STATUS_COLOURS["planned"], hatch="///",
              label="planned, month or year"),  # fmt: skip
        Patch(facecolor="white", edgecolor=NEUTRAL, hatch="xx", label="negated (none in span)"),
        Line2D([0], [0], color=NEUTRAL, ls=":", lw=1.5, label="after a date, until publication"),
    ]
    bottom.set_title(f"Zoom: {zoom_start:%B %Y} to publication")
    bottom.set_xlabel("date")
    band = source_line(fig, source)
    columns = 3 if size[0] >= 9 else 2
    legend = (0.1 + 0.17 * -(-len(handles) // columns)) / size[1]  # rows of legend
    fig.tight_layout(rect=(0, band + legend, 1, 1))
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, band), fontsize=MIN_FONT,
               frameon=False, ncol=columns)  # fmt: skip
    return fig


def locator_map(
    shapes: list[tuple[str, str, tuple]],
    points: pd.DataFrame,
    shaded: list[str],
    title: str,
    source: str,
    size: tuple[float, float] = (PRINT_WIDTH, 4.6),
) -> plt.Figure:
    """A locator map: country outlines, the ``shaded`` countries (ISO alpha-3) tinted, and each
    point of ``points`` (``name``, ``lon``, ``lat``, ``role``) marked and labelled.

    Plain matplotlib polygons in longitude/latitude (equirectangular, with the width corrected
    for the latitude in the middle), framed on the points and shaded countries with a margin.
    """
    import math

    from matplotlib.lines import Line2D
    from matplotlib.patches import Polygon

    fig, ax = new_figure(size)
    xs = list(points["lon"]) if not points.empty else []
    ys = list(points["lat"]) if not points.empty else []
    if not xs:  # no points: frame the shaded countries
        for iso3, _name, polygons in shapes:
            if iso3 in shaded:
                for ring in polygons:
                    xs += [p[0] for p in ring]
                    ys += [p[1] for p in ring]
    if not xs:
        xs, ys = [-170.0, 170.0], [-55.0, 75.0]
    pad_x = max(8.0, (max(xs) - min(xs)) * 0.25)
    pad_y = max(6.0, (max(ys) - min(ys)) * 0.25)
    x0, x1 = max(-180.0, min(xs) - pad_x), min(180.0, max(xs) + pad_x)
    y0, y1 = max(-85.0, min(ys) - pad_y), min(85.0, max(ys) + pad_y)
    # widen the shorter side so that a degree of longitude is cos(latitude) of a degree of
    # latitude on paper and the frame fills the figure
    mid = max(0.2, math.cos(math.radians((y0 + y1) / 2)))
    target = (size[0] - 0.3) / (size[1] - 0.9)
    if (x1 - x0) * mid / (y1 - y0) > target:
        grow = ((x1 - x0) * mid / target - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    else:
        grow = ((y1 - y0) * target / mid - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    view = ((x0, x1), (y0, y1))
    slack = 0.0
    for iso3, _name, polygons in shapes:
        tint = iso3 in shaded
        for ring in polygons:
            rx, ry = [p[0] for p in ring], [p[1] for p in ring]
            if (max(rx) < x0 - slack or min(rx) > x1 + slack or max(ry) < y0 - slack
                    or min(ry) > y1 + slack):
                continue
            ax.add_patch(Polygon(ring, closed=True, facecolor="#d8e6f2" if tint else "#f2f2f2",
                                 edgecolor="#8a8a8a" if tint else "#c4c4c4", lw=0.5))
    ax.set_xlim(*view[0])
    ax.set_ylim(*view[1])
    colours = {"meeting place": PALETTE[1]}
    # labels: the first of four offsets that keeps clear of the labels already placed
    span_x, span_y = (x1 - x0) / (size[0] - 0.3), (y1 - y0) / (size[1] - 0.9)  # deg per inch
    placed: list[tuple[float, float, float]] = []
    for row in points.sort_values(["lat"], ascending=False).itertuples(index=False):
        meeting = "meeting place" in row.role
        ax.plot(row.lon, row.lat, marker="o" if meeting else "s", ms=8 if meeting else 6,
                color=colours["meeting place"] if meeting else PALETTE[0],
                markeredgecolor="white", markeredgewidth=1, linestyle="none", zorder=3)
        wide = (0.075 * len(row.name) + 0.1) * span_x  # an 8.5 pt label, in degrees
        tall = 0.2 * span_y
        for dx, dy, ha in ((6, 3, "left"), (6, -11, "left"), (-6, 3, "right"),
                           (-6, -11, "right")):
            left = row.lon + dx / 72 * span_x - (wide if ha == "right" else 0)
            low = row.lat + dy / 72 * span_y
            if all(left + wide < pl or pl + pw < left or low + tall < pb or pb + tall < low
                   for pl, pb, pw in placed):
                break
        placed.append((left, low, wide))
        ax.annotate(row.name, (row.lon, row.lat), xytext=(dx, dy), textcoords="offset points",
                    fontsize=8.5, ha=ha, zorder=4,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.8})
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    handles = [
        Line2D([0], [0], marker="o", color=PALETTE[1], lw=0, ms=8, label="meeting place"),
        Line2D([0], [0], marker="s", color=PALETTE[0], lw=0, ms=6,
               label="capital of a state named"),
        Line2D([0], [0], marker="s", color="#d8e6f2", markeredgecolor="#8a8a8a", lw=0, ms=9,
               label="state named in the article"),
    ]
    ax.legend(handles=handles, loc="lower left", frameon=True, fontsize=MIN_FONT)
    return finish(fig, ax, title, "", "", source)


# Across articles ------------------------------------------------------------------------------
# Charts of notebook 07 (a corpus read with extract-corpus). Each returns ``(figure, data)``: the
# rows it drew, in drawing order, so a test can check what the picture shows.


def _conflict_colours(conflicts: list[str]) -> dict[str, str]:
    """One palette colour per conflict, in the given order; "other" is always grey."""
    named = [c for c in conflicts if c != "other"]
    colours = {c: PALETTE[i % (len(PALETTE) - 1)] for i, c in enumerate(named)}
    colours["other"] = NEUTRAL
    return colours


def corpus_timeline(
    items: pd.DataFrame, title: str, source: str, size: tuple[float, float] = (PRINT_WIDTH, 4.2)
) -> tuple[plt.Figure, pd.DataFrame]:
    """Every dated meeting on one time axis, one lane per conflict, coloured by conflict.

    ``items`` needs ``date_start``, ``date_end``, ``precision``, ``status`` and ``conflict`` (as
    from :func:`analysis.across.meeting_timeline`). A day is a dot (hollow when planned, a cross
    when it did not happen); a month or a year is a bar over its span, so it never looks precise.
    """
    from datetime import timedelta

    from matplotlib.lines import Line2D

    rows = items.copy()
    rows["start"] = pd.to_datetime(rows["date_start"])
    rows["end"] = pd.to_datetime(rows["date_end"])
    conflicts = sorted(set(rows["conflict"]), key=lambda c: (c == "other", c))
    lanes = {c: i for i, c in enumerate(conflicts)}
    colours = _conflict_colours(conflicts)
    rows["lane"] = rows["conflict"].map(lanes)
    rows["colour"] = rows["conflict"].map(colours)
    fig, ax = new_figure(size)
    for row in rows.itertuples(index=False):
        if row.precision == "day":
            ax.plot([row.start], [row.lane], linestyle="none", ms=9, alpha=0.85,
                    marker="X" if row.status == "negated" else "o", color=row.colour,
                    markerfacecolor="white" if row.status == "planned" else row.colour,
                    markeredgewidth=1.8)  # fmt: skip
        else:
            ax.barh(row.lane, row.end + timedelta(days=1) - row.start, left=row.start,
                    height=0.35, color=row.colour, alpha=0.35, edgecolor=row.colour)  # fmt: skip
    ax.set_yticks(range(len(conflicts)), conflicts)
    ax.set_ylim(len(conflicts) - 0.5, -0.5)
    handles = [
        Line2D([0], [0], marker="o", color=NEUTRAL, lw=0, ms=8, label="held (day)"),
        Line2D([0], [0], marker="o", color=NEUTRAL, markerfacecolor="white", lw=0, ms=8,
               markeredgewidth=1.8, label="planned (day)"),  # fmt: skip
        Line2D([0], [0], color=NEUTRAL, lw=6, alpha=0.35, label="month or year (its span)"),
    ]
    ax.legend(handles=handles, loc="lower right", fontsize=MIN_FONT, frameon=True)
    finish(fig, ax, title, "date of the meeting", "conflict", source)
    return fig, rows.drop(columns=["start", "end"]).reset_index(drop=True)


def who_meets_whom(
    matrix: pd.DataFrame, title: str, source: str, size: tuple[float, float] = (PRINT_WIDTH, 6.2)
) -> tuple[plt.Figure, pd.DataFrame]:
    """The pair matrix of :func:`analysis.across.meeting_pairs` as an annotated heatmap."""
    fig = heatmap(matrix, title, "met with", "participant", source, size=size)
    return fig, matrix


def figures_by_conflict(
    figures: pd.DataFrame, title: str, source: str, size: tuple[float, float] | None = None
) -> tuple[plt.Figure, pd.DataFrame]:
    """Every figure's low–high range on a log scale, grouped by conflict, coloured by measure.

    ``figures`` needs ``conflict``, ``label``, ``measure``, ``low``, ``best`` and ``high``. A range
    is a line from low to high with a dot at the best estimate when there is one; an open end
    ("more than 500") is drawn to 2.5 times the known end with an arrow.
    """
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter, LogLocator

    rows = figures.sort_values(["conflict", "measure", "low", "label"], kind="stable")
    rows = rows[rows[["low", "best", "high"]].notna().any(axis=1)].reset_index(drop=True)
    size = size or (PRINT_WIDTH, 1.6 + 0.3 * (len(rows) + rows["conflict"].nunique()))
    fig, ax = new_figure(size)
    measures = sorted(set(rows["measure"]))
    colours = {m: PALETTE[i % len(PALETTE)] for i, m in enumerate(measures)}
    y, ticks, labels, drawn = 0.0, [], [], []
    for conflict, part in rows.groupby("conflict", sort=True):
        ax.text(0.0, y - 0.15, conflict, transform=ax.get_yaxis_transform(), fontsize=MIN_FONT + 1,
                fontweight="bold", va="bottom")  # fmt: skip
        y += 0.8
        for row in part.itertuples(index=False):
            known = [float(v) for v in (row.low, row.best, row.high) if not pd.isna(v)]
            low = float(row.low) if not pd.isna(row.low) else min(known) / 2.5
            high = float(row.high) if not pd.isna(row.high) else max(known) * 2.5
            colour = colours[row.measure]
            ax.plot([low, high], [y, y], color=colour, lw=4, alpha=0.8, solid_capstyle="butt")
            if pd.isna(row.high):
                ax.plot([high], [y], marker=">", color=colour, ms=7)
            if not pd.isna(row.best):
                ax.plot([float(row.best)], [y], marker="o", color=colour, ms=6)
            ax.text(high * 1.3, y, _range_text(row.low, row.best, row.high), fontsize=MIN_FONT,
                    va="center", color="#333333")  # fmt: skip
            ticks.append(y)
            labels.append(row.label)
            drawn.append({"conflict": conflict, "label": row.label, "measure": row.measure,
                          "low": low, "high": high, "y": y})  # fmt: skip
            y += 1
        y += 0.4
    ax.set_xscale("log")
    # plain numbers with thousands separators ("10,000"), one tick every two decades
    ax.xaxis.set_major_locator(LogLocator(base=100))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
    ax.set_ylim(y - 0.2, -0.6)
    ax.set_yticks(ticks, labels, fontsize=MIN_FONT)
    ax.grid(axis="y", visible=False)
    if drawn:  # room on the right for the longest range label
        ax.set_xlim(min(d["low"] for d in drawn) / 3, max(d["high"] for d in drawn) * 300)
    handles = [Line2D([0], [0], color=colours[m], lw=4, label=m) for m in measures]
    ax.legend(handles=handles, title="measure", loc="upper right", fontsize=MIN_FONT, frameon=True)
    finish(fig, ax, title, "people (log scale)", "", source)
    return fig, pd.DataFrame(drawn)


def merged_network(
    graph: nx.Graph, title: str, source: str, size: tuple[float, float] = (PRINT_WIDTH, 6.0)
) -> tuple[plt.Figure, pd.DataFrame]:
    """The corpus's signed network (edge label: number of articles), drawn as in notebook 05."""
    from analysis.network import layout

    fig = signed_network(graph, layout(graph), title, source, size=size)
    edges = pd.DataFrame(
        [{"u": u, "v": v, "sign": d["sign"], "articles": d["articles"]}
         for u, v, d in sorted(graph.edges(data=True), key=lambda e: tuple(sorted(e[:2])))],
        columns=["u", "v", "sign", "articles"],
    )  # fmt: skip
    return fig, edges


def rows_per_article(
    table: pd.DataFrame, title: str, source: str, size: tuple[float, float] | None = None
) -> tuple[plt.Figure, pd.DataFrame]:
    """Stacked bars: for each article, its rows in each frame."""
    size = size or (PRINT_WIDTH, 1.5 + 0.4 * len(table))
    fig = stacked_counts(table, title, "rows", "article", source, size=size)
    return fig, table
