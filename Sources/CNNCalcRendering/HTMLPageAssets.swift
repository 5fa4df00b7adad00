/// The style sheet and the script of the HTML report, written inline into every page.
enum HTMLPageAssets {
    /// The page's style sheet; the diagram's own rules (`d-...`) come with its SVG.
    static func styleSheet(_ categories: [LayerCategory]) -> String {
        var rules = [
            "body { margin: 0; font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; font-size: 14px; color: #1f1f1f; background: #f7f7f5;",
            "  display: grid; grid-template-columns: minmax(0, 1fr) minmax(300px, 30%); }",
            "main { padding: 12px 24px 40px; min-width: 0; }",
            "aside { position: sticky; top: 0; height: 100vh; overflow: auto; box-sizing: border-box; padding: 12px 18px;",
            "  border-left: 1px solid #d8d8d8; background: #ffffff; }",
            "h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 18px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 16px 0 6px; }",
            "p { max-width: 60em; line-height: 1.45; }",
            "pre { white-space: pre-wrap; font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 12.5px; line-height: 1.4; }",
            "table { border-collapse: collapse; background: #ffffff; }",
            "th, td { padding: 3px 9px; text-align: left; border-bottom: 1px solid #e6e6e6; white-space: nowrap; }",
            "th { background: #efefec; }",
            ".num { text-align: right; font-variant-numeric: tabular-nums; }",
            ".pick, .d-layer { cursor: pointer; }",
            "tr.picked td { background: #fff1a8; }",
            ".d-layer.picked rect { stroke: #111111; stroke-width: 3; }",
            ".scroll { overflow: auto; max-height: 85vh; border: 1px solid #d8d8d8; background: #ffffff; }",
            ".wide { overflow-x: auto; }",
            ".track { display: inline-block; width: 220px; height: 12px; background: #ececec; vertical-align: middle; margin-right: 8px; }",
            ".fill { display: block; height: 100%; }",
            ".hint { color: #555555; }",
            "@media (max-width: 900px) { body { display: block; } aside { position: static; height: auto; border-left: none; } }",
        ]
        for category in categories {
            rules.append(".fill.k-\(category.rawValue) { background: \(category.fill); }")
        }
        return rules.joined(separator: "\n")
    }

    /// The page's script: a layer picked in the table, the diagram or the charts shows its
    /// arithmetic in the side panel; hovering shows it until the pointer leaves. A page opened
    /// at `#layer-N` starts with layer N picked. When it has run, it marks the body
    /// `data-ready="1"`, which tests read to know it ran without an error.
    static let script = """
        (function () {
          "use strict";
          var panel = document.getElementById("explain-text");
          var heading = document.getElementById("explain-title");
          var initialText = panel.textContent;
          var initialHeading = heading.textContent;
          var pinned = -1;
          var prefixes = ["row-", "layer-", "bar-"];
          function layerIndex(element) {
            for (; element && element.getAttribute; element = element.parentNode) {
              var id = element.getAttribute("id") || "";
              for (var i = 0; i < prefixes.length; i++) {
                var rest = id.slice(prefixes[i].length);
                if (id.indexOf(prefixes[i]) === 0 && /^[0-9]+$/.test(rest)) { return Number(rest); }
              }
            }
            return -1;
          }
          function mark(index) {
            var picked = document.querySelectorAll(".picked");
            for (var i = 0; i < picked.length; i++) { picked[i].classList.remove("picked"); }
            for (var j = 0; j < prefixes.length; j++) {
              var element = document.getElementById(prefixes[j] + index);
              if (element) { element.classList.add("picked"); }
            }
          }
          function show(index) {
            var source = index >= 0 ? document.getElementById("explain-" + index) : null;
            if (!source) {
              panel.textContent = initialText;
              heading.textContent = initialHeading;
              mark(-1);
              return;
            }
            panel.textContent = source.textContent;
            heading.textContent = source.getAttribute("title");
            mark(index);
          }
          document.addEventListener("click", function (event) {
            var index = layerIndex(event.target);
            if (index >= 0) { pinned = index; show(index); }
          });
          document.addEventListener("keydown", function (event) {
            if (event.key !== "Enter") { return; }
            var index = layerIndex(event.target);
            if (index >= 0) { pinned = index; show(index); }
          });
          document.addEventListener("mouseover", function (event) {
            var index = layerIndex(event.target);
            if (index >= 0) { show(index); }
          });
          document.addEventListener("mouseout", function (event) {
            if (layerIndex(event.target) >= 0) { show(pinned); }
          });
          var match = /^#layer-([0-9]+)$/.exec(window.location.hash);
          if (match) { pinned = Number(match[1]); show(pinned); }
          document.body.setAttribute("data-ready", "1");
        })();
        """
}
