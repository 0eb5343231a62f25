"""Every chart of the collection, with one look: the same fonts, palette, title and source line.

Each function takes a tidy DataFrame, draws on a new figure of an explicit size, and returns the
``Figure`` (notebooks end the cell with ``plt.show()``). Every chart has a title, labelled axes
and a source line at the bottom, so it can be dropped into a briefing as it is.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

#: One palette for every chart; categorical colours are taken in this order.
PALETTE = ["#1f4e79", "#c0504d", "#4f8a3c", "#d08c2c", "#7f5a9e", "#3a9aa6", "#8c6d46", "#707070"]
POSITIVE = "#2e7d32"
NEGATIVE = "#c62828"
NEUTRAL = "#707070"
DEFAULT_SIZE = (9.0, 4.5)


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
        }
    )


def new_figure(size: tuple[float, float] = DEFAULT_SIZE):
    """A new figure and axes of an explicit size (nbval compares the size text)."""
    apply_style()
    return plt.subplots(figsize=size)


def finish(fig, ax, title: str, xlabel: str, ylabel: str, source: str) -> plt.Figure:
    """Title, axis labels and the source line every chart carries."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.text(0.01, 0.01, f"Source: {source}", fontsize=8, color=NEUTRAL, ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


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


def sentence_lengths(sentences: pd.DataFrame, title: str, source: str,
                     size: tuple[float, float] = (9.0, 4.5)) -> plt.Figure:
    """Words per sentence in reading order, coloured by kind (headline, caption, body...)."""
    fig, ax = new_figure(size)
    kinds = list(dict.fromkeys(sentences["kind"]))
    colours = {kind: PALETTE[i % len(PALETTE)] for i, kind in enumerate(kinds)}
    words = sentences["text"].str.split().str.len()
    ax.bar(sentences["sentence_id"], words, color=[colours[k] for k in sentences["kind"]])
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[k]) for k in kinds]
    ax.legend(handles, kinds, title="kind", loc="upper right", frameon=False)
    ax.set_xticks(sentences["sentence_id"])
    return finish(fig, ax, title, "sentence id (reading order)", "words", source)


def signed_network(
    graph,
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
    nx.draw_networkx_nodes(graph, positions, nodelist=sorted(graph.nodes), node_size=900,
                           node_color="#dce6f2", edgecolors=PALETTE[0], linewidths=1.2, ax=ax)
    nx.draw_networkx_labels(graph, positions, font_size=9, font_weight="bold", ax=ax)
    labels = {(u, v): d.get("relations", "") for u, v, d in graph.edges(data=True)}
    nx.draw_networkx_edge_labels(graph, positions, edge_labels=labels, font_size=7.5,
                                 font_color="#333333", rotate=False, ax=ax,
                                 bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                       "alpha": 0.8})
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
