"""Slide images of charts, drawn in Debian's Chromium with nothing fetched from the network.

A plotly chart is drawn by plotly.js's own ``Plotly.toImage`` (what the chart toolbar's PNG download runs),
in a blank page holding the plotly.js that ships with the plotly package. The partner map has no image
export of its own (deck.gl #4828): a page lays out its title, subtitle, map, legend and source line at the
slide's canvas size, deck.gl (the bundle that ships with pydeck) draws the map, and the page is screenshot.
That bundle has no layer extensions, and the map dashes what stands for a group with deck.gl's
``PathStyleExtension`` (Streamlit's deck.gl has it): the slide page adds ``@deck.gl/extensions`` at the version
of pydeck's deck.gl, shipped in ``vendor/`` (``EXTENSIONS_SCRIPT``). One browser draws every chart of a briefing
pack: ``slide_renderer``.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from PIL import Image

from sctracker.briefing.browser import chromium
from sctracker.briefing.charts import SlideChart
from sctracker.figures import partner_map
from sctracker.figures.style import FONT, SLIDE_PAD, SlideSize, slide_figure, slide_labels

#: The device scale the browser draws the map at; the screenshot is then resized to the slide's pixels.
MAP_SCALE = 2
#: The legend beside the map (a whole slide) or below it (half a slide), in CSS pixels.
SIDE_LEGEND_WIDTH = 320
#: The least room the map keeps on a slide: past it, the canvas grows (and the text comes out smaller).
MIN_MAP_PIXELS = (300, 240)
#: How much a map slide's canvas grows at a time while its legend and words leave the map too little room.
_GROWTH = 1.1
#: ``@deck.gl/extensions`` (npm, MIT; ``vendor/README.md``), at the version of the deck.gl pydeck ships; it reads
#: deck.gl's core from ``globalThis.deck`` (which pydeck's bundle sets) and puts its own exports there in its place.
EXTENSIONS_SCRIPT = Path(__file__).parent / "vendor" / "deck.gl-extensions.min.js"
EXTENSIONS_VERSION = "9.3.6"


class SlideRenderer:
    """Draws slide images in one headless Chromium page (``slide_renderer`` opens it)."""

    def __init__(self, page):
        self.page = page
        self._plotly_ready = False

    def pngs(self, chart: SlideChart, sizes: Sequence[SlideSize]) -> list[bytes]:
        """The chart as a PNG of each size's pixels."""
        if chart.map is not None:
            return self._map_pngs(chart, sizes)
        return [self._plotly_png(chart, size) for size in sizes]

    def _plotly_png(self, chart: SlideChart, size: SlideSize) -> bytes:
        if not self._plotly_ready:
            from plotly.offline import get_plotlyjs

            self.page.set_content("<!DOCTYPE html><html><body></body></html>")
            self.page.add_script_tag(content=get_plotlyjs())
            self._plotly_ready = True
        room = (size.canvas[0] - 2 * SLIDE_PAD, size.canvas[1] - 2 * SLIDE_PAD)
        figure, canvas = slide_figure(chart.figure(slide_labels(chart.labels, size), room), size)
        url = self.page.evaluate(
            "([figure, options]) => Plotly.toImage(figure, options)",
            [json.loads(figure.to_json()), {"format": "png", "width": canvas[0], "height": canvas[1], "scale": size.scale(canvas)}],
        )
        return exact_size(base64.b64decode(url.split(",", 1)[1]), size.pixels)

    def _map_pngs(self, chart: SlideChart, sizes: Sequence[SlideSize]) -> list[bytes]:
        """Every size of the map from one page and one deck: WebGL compiles deck.gl's shaders once a page, which in
        a headless browser's software rendering takes longer than all else."""
        from pydeck.io.html import cdn_picker  # the deck.gl bundle pydeck ships, inline: nothing fetched

        self._plotly_ready = False
        page = self.page
        page.set_content(map_slide_html(chart, cdn_picker(offline=True) + _extensions_script()))
        images, drawn = [], False
        for size in sizes:
            canvas, side = size.canvas, size.pixels[0] > size.pixels[1]
            legend_width = SIDE_LEGEND_WIDTH if side else canvas[0] - 32
            page.evaluate(
                "([side, url, width]) => { document.querySelector('.body').className = 'body ' + side;"
                " const legend = document.querySelector('.legend'); legend.src = url; legend.width = width; }",
                ["side" if side else "below", _svg_url(partner_map.legend_svg(chart.map.table, width=legend_width)), legend_width],
            )
            box = self._map_box(canvas)
            view = partner_map.fitted_view(partner_map.map_objects(chart.map.table, chart.map.vocab), *box)
            frames = page.evaluate("() => window.sctrackerFrames || 0")
            if not drawn:
                deck = partner_map.partner_deck(chart.map.events, chart.map.vocab, chart.map.table, canvas=box)
                page.evaluate(
                    "json => { window.sctrackerFrames = 0; window.sctrackerDeck = createDeck({container: document.getElementById('map'),"
                    " jsonInput: json, tooltip: false, configuration: {classes: window.sctrackerExtensions}});"
                    " window.sctrackerDeck.setProps({onAfterRender: () => window.sctrackerFrames++}); }",
                    json.loads(deck.to_json()),
                )
                drawn = True
            else:
                page.evaluate("view => window.sctrackerDeck.setProps({initialViewState: {...view}})", _camel(view))
            page.wait_for_function(
                """frames => { const deck = window.sctrackerDeck;
                     return deck.isInitialized && window.sctrackerFrames > frames
                       && deck.layerManager.getLayers().every(layer => layer.isLoaded); }""",
                arg=frames,
                polling=100,
                timeout=60_000,
            )
            # drawn at least once since the change, every layer loaded: draw once more, and let it reach the screen
            page.evaluate(
                "() => new Promise(done => { window.sctrackerDeck.redraw(true); requestAnimationFrame(() => requestAnimationFrame(done)); })"
            )
            images.append(exact_size(page.screenshot(), size.pixels))
        return images

    def _map_box(self, canvas: tuple[int, int]) -> tuple[int, int]:
        """Size the page to ``canvas``, growing it (its shape kept) until the legend and words leave the map room
        enough; the map's box in CSS pixels."""
        page = self.page
        page.wait_for_function("() => document.querySelector('.legend').complete")
        while True:
            page.set_viewport_size({"width": canvas[0], "height": canvas[1]})
            # a legend beside the map can also run past the map's row into the source line, within the slide
            width, height, overflow = page.evaluate(
                "() => { const box = document.getElementById('map').getBoundingClientRect();"
                " const legend = document.querySelector('.legend').getBoundingClientRect();"
                " const body = document.querySelector('.body').getBoundingClientRect();"
                " return [box.width, box.height, document.querySelector('.slide').scrollHeight > window.innerHeight + 1"
                " || legend.bottom > body.bottom + 1]; }"
            )
            if not overflow and width >= MIN_MAP_PIXELS[0] and height >= MIN_MAP_PIXELS[1]:
                return int(width), int(height)
            canvas = (round(canvas[0] * _GROWTH), round(canvas[1] * _GROWTH))


def _camel(view: dict) -> dict:
    """A pydeck view state as deck.gl's JSON names it (``min_zoom`` -> ``minZoom``)."""
    return {re.sub(r"_(\w)", lambda match: match.group(1).upper(), key): value for key, value in view.items()}


def _extensions_script() -> str:
    """``EXTENSIONS_SCRIPT`` inline, after pydeck's bundle: its classes in ``window.sctrackerExtensions`` (for
    deck.gl's JSON converter), and ``globalThis.deck`` given back its core, with the extensions beside."""
    return (
        "<script>window.sctrackerCore = globalThis.deck;</script>"
        f"<script>{EXTENSIONS_SCRIPT.read_text(encoding='utf-8')}</script>"
        "<script>window.sctrackerExtensions = {...globalThis.deck};"
        " globalThis.deck = Object.assign(window.sctrackerCore, window.sctrackerExtensions);</script>"
    )


def _svg_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def map_slide_html(chart: SlideChart, deck_script: str) -> str:
    """The page a map slide is screenshot from: title, subtitle, an empty ``#map`` box that takes the room the
    rest leaves (deck.gl adds elements of its own beside it: the box holds them), the legend (beside the map,
    ``.body.side``, or below it, ``.body.below``), the source line.

    Every text is HTML-escaped (record text is data); the legend is an image of its own.
    """
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>
  html, body {{ margin: 0; background: white; }}
  .slide {{ box-sizing: border-box; width: 100vw; height: 100vh; padding: 14px 16px 10px; display: flex; flex-direction: column;
           font-family: {FONT}; color: #222; overflow: hidden; }}
  .title {{ font-size: 17px; font-weight: bold; }}
  .subtitle {{ font-size: 13px; color: #444; margin-top: 4px; }}
  .body {{ flex: 1; min-height: 0; display: flex; gap: 14px; margin-top: 12px; }}
  .body.below {{ flex-direction: column; }}
  .map {{ flex: 1; min-width: 0; min-height: 0; position: relative; background: {partner_map.SEA_COLOR}; }}
  #map {{ position: absolute; inset: 0; }}
  .legend {{ flex: none; align-self: flex-start; }}
  .source {{ font-size: 12px; color: #444; margin-top: 8px; }}
</style>
{deck_script}
</head><body><div class="slide">
  <div class="title">{html.escape(chart.title)}</div>
  <div class="subtitle">{html.escape(chart.map.subtitle)}</div>
  <div class="body side"><div class="map"><div id="map"></div></div><img class="legend" alt=""></div>
  <div class="source">{html.escape(chart.labels.source_line)}</div>
</div></body></html>"""


def exact_size(png: bytes, pixels: tuple[int, int]) -> bytes:
    """A PNG at exactly ``pixels``: a drawing a pixel off (rounding) or drawn at another scale is resized."""
    image = Image.open(io.BytesIO(png))
    if image.size == pixels:
        return png
    out = io.BytesIO()
    image.resize(pixels, Image.Resampling.LANCZOS).save(out, format="PNG")
    return out.getvalue()


@contextlib.contextmanager
def slide_renderer() -> Iterator[SlideRenderer]:
    """A ``SlideRenderer`` over one headless Chromium page, closed after."""
    with chromium(width=960, height=540, scale=MAP_SCALE) as page:
        yield SlideRenderer(page)


def slide_png(chart: SlideChart, size: SlideSize) -> bytes:
    """One chart's slide image, in a browser of its own (a page's download button)."""
    with slide_renderer() as renderer:
        return renderer.pngs(chart, [size])[0]
