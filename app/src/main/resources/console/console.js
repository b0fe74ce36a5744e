// Draws each flow's sparkline (uPlot) from its data-points attribute, on load and after every htmx refresh.
(function () {
  function draw(root) {
    root.querySelectorAll('.spark[data-points]').forEach(function (el) {
      var points = el.getAttribute('data-points').split(',').filter(Boolean).map(Number);
      if (points.length < 2) { return; }
      el.innerHTML = '';
      var xs = points.map(function (_, i) { return i; });
      new uPlot({width: 160, height: 36, legend: {show: false}, cursor: {show: false},
        scales: {x: {time: false}, y: {range: function (u, min, max) { return [0, Math.max(1, max)]; }}},
        axes: [{show: false}, {show: false}],
        series: [{}, {stroke: '#2f6fde', fill: 'rgba(47,111,222,.15)', width: 1.5, points: {show: false}}]},
        [xs, points], el);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { draw(document); });
  document.addEventListener('htmx:afterSwap', function (e) { draw(e.target); });
})();
