"""Which input channels feed which filters when a convolution has ``groups``.

With ``groups=g`` Keras splits the input channels and the filters into g
equal runs; filter f reads only the channels of its own run, which is why
the kernel holds in_channels/g channels instead of in_channels. The picture
is that matrix, cut to its first cells for a wide layer.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

MOST = 48
"""Channels and filters drawn at most; a caption says when the picture is cut."""


def feeds(in_channels: int, filters: int, groups: int) -> np.ndarray:
    """(filters, in_channels) booleans: True where filter f reads channel c.

    Channel c is in group c // (in_channels/groups), filter f in group
    f // (filters/groups); only the first :data:`MOST` of each are computed.
    """
    channel_group = np.arange(min(in_channels, MOST)) // (in_channels // groups)
    filter_group = np.arange(min(filters, MOST)) // (filters // groups)
    return filter_group[:, None] == channel_group[None, :]


def chart(reads: np.ndarray, *, channel_title: str, filter_title: str, read: str) -> alt.Chart:
    """The matrix as squares: filled where a filter reads a channel, one colour per group."""
    rows, columns = np.nonzero(np.ones_like(reads))
    frame = pd.DataFrame(
        {
            "filter": rows,
            "channel": columns,
            "reads": np.where(reads[rows, columns], read, ""),
        }
    )
    return (
        alt.Chart(frame)
        .mark_rect(stroke="#555555", strokeWidth=0.5)
        .encode(
            x=alt.X("channel:O", title=channel_title),
            y=alt.Y("filter:O", title=filter_title),
            color=alt.Color(
                "reads:N",
                scale=alt.Scale(domain=[read, ""], range=["#1f77b4", "#ffffff"]),
                legend=None,
            ),
            tooltip=["filter:O", "channel:O", "reads:N"],
        )
        .properties(height=alt.Step(20), width=alt.Step(20))
    )
