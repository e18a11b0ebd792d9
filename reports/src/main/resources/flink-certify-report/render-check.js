// Writes what the page rendered into #render-check once it has loaded, for people and for the browser test:
// charts, plotted points with a real size on screen, fault windows, and any script error or console.error.
(function () {
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });
  var original = console.error;
  console.error = function () {
    errors.push(Array.prototype.map.call(arguments, String).join(' '));
    return original.apply(console, arguments);
  };
  window.addEventListener('load', function () {
    var result = { charts: 0, emptyCharts: 0, timelines: 0, points: 0, renderedPoints: 0, faultWindows: 0,
                   recoveries: 0, errors: errors };
    document.querySelectorAll('svg.chart').forEach(function (svg) {
      var points = svg.querySelectorAll('.pt');
      var rendered = 0;
      points.forEach(function (p) { var b = p.getBBox(); if (b.width > 0 || b.height > 0) { rendered++; } });
      result.charts++;
      result.points += points.length;
      result.renderedPoints += rendered;
      if (rendered === 0) { result.emptyCharts++; }
      if (svg.classList.contains('timeline')) { result.timelines++; }
      result.faultWindows += svg.querySelectorAll('.fault-window').length;
      result.recoveries += svg.querySelectorAll('.recovery').length;
    });
    var out = document.getElementById('render-check');
    out.textContent = JSON.stringify(result);
  });
})();
