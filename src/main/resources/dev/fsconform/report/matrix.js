(function () {
  'use strict';
  // Layout of the embedded data: see PageData / PageDataBuilder. Every value reaches the DOM via
  // textContent or a property, never as markup.
  var C = { STATUS: 0, OUTCOME: 1, ERRNO: 2, ERRNAME: 3, EXC: 4, DETAIL: 5, POST: 6, GRADING: 7, CAUSES: 8, REASON: 9 };
  var P = { SOURCE: 0, TARGET: 1, INODE: 2, PROBLEMS: 3 };
  var Q = { GRADE: 0, ROWID: 1, RATIONALE: 2, REF: 3 };
  var R = { OP: 0, SC: 1, SCTEXT: 2, OPTEXT: 3, SETUP: 4, RUN: 5, PROGRAM: 6, PFILE: 7 };
  var E = { NAME: 0, GROUP: 1, STATUS: 2, REASON: 3, KERNEL: 4, BASE: 5, RELEASE: 6 };
  var STATUS_LABEL = { NOT_APPLICABLE: 'n/a', SKIPPED: 'skip', SETUP_ERROR: 'setup!' };
  var GRADES = ['EXPECTED', 'ACCEPTABLE', 'SURPRISING', 'UNKNOWN', 'FORBIDDEN'];
  var ROWHEAD_EM = 17, CELL_EM = 6.8; // as col.rowh and col.env in matrix.css

  // The template HTML-escapes the JSON; undo exactly what it did (&quot; &#39; &#61; &#96; …).
  function unescapeHtml(text) {
    var named = { quot: '"', amp: '&', lt: '<', gt: '>' };
    return text.replace(/&(quot|amp|lt|gt|#[0-9]+);/g, function (m, name) {
      return name.charAt(0) === '#' ? String.fromCharCode(parseInt(name.slice(1), 10)) : named[name];
    });
  }

  var D = JSON.parse(unescapeHtml(document.getElementById('fsc-data').textContent));
  var S = D.s;
  function str(i) { return i > 0 ? S[i] : null; }
  function grading(c, field) { return c[C.GRADING] < 0 ? null : str(D.q[c[C.GRADING]][field]); }
  function post(c) { return c[C.POST] < 0 ? null : D.p[c[C.POST]]; }
  function css(prefix, name) { return prefix + name.toLowerCase().replace(/_/g, '-'); }

  // Per distinct cell: its label, class and the signature compared by "differ" and the diff view.
  var label = [], klass = [], sig = [], text = [];
  D.c.forEach(function (c, i) {
    var status = str(c[C.STATUS]);
    var outcome = str(c[C.OUTCOME]);
    var grade = grading(c, Q.GRADE);
    if (status === 'RAN') {
      label[i] = (outcome || '?').replace(/Exception$/, '');
      klass[i] = grade ? css('g-', grade) : 'g-unknown';
    } else {
      label[i] = STATUS_LABEL[status] || status;
      klass[i] = css('s-', status);
    }
    sig[i] = status + '|' + outcome + '|' + grade;
    text[i] = [outcome, str(c[C.ERRNAME]), str(c[C.EXC]), grade, status].join(' ').toLowerCase();
  });

  var state = { op: '', sc: '', kernel: '', group: '', grade: '', differ: false, xkernel: false, exdev: false, q: '' };
  var selected = null;
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, className, content) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (content !== undefined && content !== null) { e.textContent = String(content); }
    return e;
  }

  function option(select, value, textValue) {
    var o = el('option', null, textValue);
    o.value = value;
    select.appendChild(o);
  }

  function distinct(values) {
    var seen = Object.create(null), out = [];
    values.forEach(function (v) { if (!(v in seen)) { seen[v] = true; out.push(v); } });
    return out;
  }

  // The kernel axis. A family is one environment (same name without its @kernel-K) seen on more
  // than one kernel; a row from no guest ran on the kernel of the machine that recorded it.
  function kernelOf(e) { return str(D.e[e][E.KERNEL]) || 'host kernel'; }
  var anyGuest = D.e.some(function (e) { return e[E.KERNEL] > 0; });
  // A guest's release, from any of its columns: one that did not run has no fingerprint of its own.
  var guestRelease = Object.create(null);
  D.e.forEach(function (env) {
    if (env[E.KERNEL] > 0 && env[E.RELEASE] > 0 && !(str(env[E.KERNEL]) in guestRelease)) {
      guestRelease[str(env[E.KERNEL])] = str(env[E.RELEASE]);
    }
  });
  function releaseOf(e) {
    return str(D.e[e][E.RELEASE]) || (D.e[e][E.KERNEL] > 0 ? guestRelease[str(D.e[e][E.KERNEL])] || null : null);
  }
  var families = [], familyOf = [];
  (function () {
    var byBase = Object.create(null), order = [];
    D.e.forEach(function (env, i) {
      var b = str(env[E.BASE]);
      if (!(b in byBase)) { byBase[b] = []; order.push(b); }
      byBase[b].push(i);
    });
    order.forEach(function (b) {
      var members = byBase[b];
      if (members.some(function (e) { return D.e[e][E.KERNEL] > 0; }) && distinct(members.map(kernelOf)).length > 1) {
        members.forEach(function (e) { familyOf[e] = families.length; });
        families.push({ base: b, members: members });
      }
    });
  }());

  // What a column says for a row, compared across kernels: its cell, or that the environment did not
  // run at all there (Landlock on a kernel without it). A ran column lacking the row is no evidence.
  function kernelSig(e, r) {
    var ci = D.g[e][r];
    if (ci >= 0) { return sig[ci]; }
    var status = str(D.e[e][E.STATUS]);
    return status === 'RAN' ? null : 'env|' + status;
  }

  function familyDiffers(f, r, shown) {
    var first = null;
    for (var k = 0; k < f.members.length; k++) {
      var e = f.members[k];
      if (shown && !shown[e]) { continue; }
      var s = kernelSig(e, r);
      if (s === null) { continue; }
      if (first === null) { first = s; } else if (s !== first) { return true; }
    }
    return false;
  }

  // Indices of the families whose shown members disagree on row r.
  function differingFamilies(r, shown) {
    var out = Object.create(null), any = false;
    families.forEach(function (f, i) { if (familyDiffers(f, r, shown)) { out[i] = true; any = true; } });
    return any ? out : null;
  }

  function setupFilters() {
    distinct(D.r.map(function (r) { return str(r[R.OP]); })).forEach(function (v) { option($('f-op'), v, v); });
    distinct(D.r.map(function (r) { return str(r[R.SC]); })).forEach(function (v) { option($('f-sc'), v, v); });
    distinct(D.e.map(function (e) { return str(e[E.GROUP]); })).forEach(function (v) { option($('f-group'), v, v); });
    if (anyGuest) {
      distinct(D.e.map(function (e, i) { return kernelOf(i); })).forEach(function (v) { option($('f-kernel'), v, v); });
    } else {
      $('f-kernel').parentNode.hidden = true;
    }
    if (!families.length) { $('f-xkernel').parentNode.hidden = true; }
    GRADES.forEach(function (g) { option($('f-grade'), g, g); });
    ['NOT_APPLICABLE', 'SKIPPED', 'SETUP_ERROR'].forEach(function (s) { option($('f-grade'), s, 'not run: ' + s); });
    var bind = function (id, key, event, read) {
      $(id).addEventListener(event, function () { state[key] = read($(id)); render(); });
    };
    bind('f-op', 'op', 'change', function (x) { return x.value; });
    bind('f-sc', 'sc', 'change', function (x) { return x.value; });
    bind('f-kernel', 'kernel', 'change', function (x) { return x.value; });
    bind('f-group', 'group', 'change', function (x) { return x.value; });
    bind('f-xkernel', 'xkernel', 'change', function (x) { return x.checked; });
    bind('f-grade', 'grade', 'change', function (x) { return x.value; });
    bind('f-differ', 'differ', 'change', function (x) { return x.checked; });
    bind('f-exdev', 'exdev', 'change', function (x) { return x.checked; });
    var timer = null;
    $('f-q').addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = $('f-q').value.trim().toLowerCase(); render(); }, 120);
    });
  }

  function visibleEnvs() {
    var out = [];
    D.e.forEach(function (e, i) {
      if (state.group && str(e[E.GROUP]) !== state.group) { return; }
      if (state.kernel && kernelOf(i) !== state.kernel) { return; }
      if (state.xkernel && familyOf[i] === undefined) { return; }
      out.push(i);
    });
    return out;
  }

  function cellMatchesGrade(ci) {
    if (!state.grade) { return true; }
    var c = D.c[ci];
    return grading(c, Q.GRADE) === state.grade || str(c[C.STATUS]) === state.grade;
  }

  function isExdev(ci) {
    var c = D.c[ci];
    return str(c[C.OUTCOME]) === 'EXDEV' || str(c[C.ERRNAME]) === 'EXDEV';
  }

  function rowVisible(r, envs, xk) {
    var row = D.r[r];
    if (state.xkernel && !xk) { return false; }
    if (state.op && str(row[R.OP]) !== state.op) { return false; }
    if (state.sc && str(row[R.SC]) !== state.sc) { return false; }
    var q = state.q, rowText = null, first = null, differs = false, grade = !state.grade, exdev = !state.exdev, found = !q;
    for (var k = 0; k < envs.length; k++) {
      var ci = D.g[envs[k]][r];
      if (ci < 0) { continue; }
      if (first === null) { first = sig[ci]; } else if (sig[ci] !== first) { differs = true; }
      if (!grade && cellMatchesGrade(ci)) { grade = true; }
      if (!exdev && isExdev(ci)) { exdev = true; }
      if (!found && text[ci].indexOf(q) >= 0) { found = true; }
    }
    if (!found) {
      rowText = [str(row[R.OP]), str(row[R.SC]), str(row[R.SCTEXT])].join(' ').toLowerCase();
      found = rowText.indexOf(q) >= 0;
    }
    return found && grade && exdev && (!state.differ || differs);
  }

  function groupsOf(envs) {
    var groups = [];
    envs.forEach(function (e) {
      var g = str(D.e[e][E.GROUP]);
      if (groups.length && groups[groups.length - 1].name === g) { groups[groups.length - 1].span++; }
      else { groups.push({ name: g, span: 1 }); }
    });
    return groups;
  }

  // Runs of adjacent columns on one kernel, for the header's kernel band.
  function kernelsOf(envs) {
    var runs = [];
    envs.forEach(function (e) {
      var k = kernelOf(e), last = runs[runs.length - 1];
      var release = releaseOf(e);
      if (last && last.name === k) {
        last.span++;
        if (release !== null && last.release !== null && release !== last.release) { last.mixed = true; }
        if (last.release === null) { last.release = release; }
      } else {
        runs.push({ name: k, span: 1, release: release });
      }
    });
    return runs;
  }

  function envHeader(e) {
    var env = D.e[e];
    var th = el('th', 'env' + (str(env[E.STATUS]) === 'RAN' ? '' : ' notrun'));
    var a = el('a', null, str(env[E.NAME]));
    a.href = '#env-' + e;
    a.title = str(env[E.NAME]) + ' (' + str(env[E.GROUP]) + ', ' + str(env[E.STATUS]) + ')'
      + (anyGuest && releaseOf(e) ? ' on kernel ' + releaseOf(e) : '');
    th.appendChild(a);
    return th;
  }

  // One table for the header and one per operation, all with the same fixed columns: the browser
  // lays out and paints only the groups on screen (content-visibility), not 40 000 cells at once.
  function sizedTable(className, envs) {
    var table = el('table', className), cols = el('colgroup');
    cols.appendChild(el('col', 'rowh'));
    envs.forEach(function () { cols.appendChild(el('col', 'env')); });
    table.appendChild(cols);
    table.style.width = (ROWHEAD_EM + envs.length * CELL_EM) + 'em';
    return table;
  }

  function headerTable(envs) {
    var table = sizedTable('head', envs), thead = el('thead');
    var groupRow = el('tr', 'groups'), envRow = el('tr', 'envs');
    if (anyGuest) {
      var kernelRow = el('tr', 'kernels');
      kernelRow.appendChild(el('th', 'corner', 'kernel'));
      kernelsOf(envs).forEach(function (k, i) {
        var th = el('th', 'kband k' + (i % 2), k.name + (k.release && !k.mixed ? ' · ' + k.release : ''));
        th.colSpan = k.span;
        th.title = th.textContent;
        kernelRow.appendChild(th);
      });
      thead.appendChild(kernelRow);
    }
    groupRow.appendChild(el('th', 'corner', 'operation × scenario'));
    envRow.appendChild(el('th', 'corner'));
    groupsOf(envs).forEach(function (g) {
      var th = el('th', null, g.name);
      th.colSpan = g.span;
      groupRow.appendChild(th);
    });
    envs.forEach(function (e) { envRow.appendChild(envHeader(e)); });
    thead.appendChild(groupRow);
    thead.appendChild(envRow);
    table.appendChild(thead);
    return table;
  }

  // No such cell: the environment did not run at all (its status shows), or lacks this row.
  function missingCell(e) {
    var status = str(D.e[e][E.STATUS]);
    if (status === 'RAN') { return el('td', 'missing', '·'); }
    var td = el('td', 'missing ' + css('s-', status), status.toLowerCase().replace(/_/g, ' '));
    td.title = str(D.e[e][E.REASON]) || status;
    return td;
  }

  function rowOf(r, envs, xk) {
    var tr = el('tr');
    tr.fscRow = r;
    var rowHead = el('th', null, str(D.r[r][R.SC]));
    rowHead.title = str(D.r[r][R.SCTEXT]) || '';
    tr.appendChild(rowHead);
    for (var k = 0; k < envs.length; k++) {
      var ci = D.g[envs[k]][r];
      var td = ci < 0 ? missingCell(envs[k])
        : el('td', klass[ci] + (state.grade && !cellMatchesGrade(ci) ? ' dim' : ''), label[ci]);
      if (xk && xk[familyOf[envs[k]]]) { td.classList.add('xk'); }
      td.fscEnv = envs[k];
      tr.appendChild(td);
    }
    return tr;
  }

  function render() {
    var envs = visibleEnvs();
    var matrix = $('matrix'), frag = document.createDocumentFragment();
    frag.appendChild(headerTable(envs));
    var shown = 0, lastOp = null, tbody = null, onScreen = null;
    if (state.xkernel) {
      onScreen = [];
      envs.forEach(function (e) { onScreen[e] = true; });
    }
    for (var r = 0; r < D.r.length; r++) {
      var xk = state.xkernel ? differingFamilies(r, onScreen) : null;
      if (!rowVisible(r, envs, xk)) { continue; }
      shown++;
      var op = str(D.r[r][R.OP]);
      if (op !== lastOp) {
        var group = el('div', 'opgroup'), table = sizedTable('rows', envs), head = el('tr', 'op');
        var th = el('th', null, op + (str(D.r[r][R.OPTEXT]) ? ' — ' + str(D.r[r][R.OPTEXT]) : ''));
        th.colSpan = envs.length + 1;
        head.appendChild(th);
        tbody = el('tbody');
        tbody.appendChild(head);
        table.appendChild(tbody);
        group.appendChild(table);
        frag.appendChild(group);
        lastOp = op;
      }
      tbody.appendChild(rowOf(r, envs, xk));
    }
    matrix.textContent = '';
    matrix.appendChild(frag);
    $('f-count').textContent = shown + ' of ' + D.r.length + ' rows × ' + envs.length + ' of ' + D.e.length + ' environments';
  }

  function onCellClick(event) {
    var td = event.target.closest('td');
    if (!td || td.fscEnv === undefined || td.classList.contains('missing')) { return; }
    var r = td.parentNode.fscRow;
    if (selected) { selected.classList.remove('sel'); }
    selected = td;
    td.classList.add('sel');
    showDetail(td.fscEnv, r);
  }

  function addFact(dl, key, value) {
    if (value === null || value === undefined || value === '') { return; }
    dl.appendChild(el('dt', null, key));
    var dd = el('dd');
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }

  function list(li) { return D.l[li].map(str); }

  function showDetail(e, r) {
    var ci = D.g[e][r], c = D.c[ci], row = D.r[r], w = D.wg[e][r] >= 0 ? D.w[D.wg[e][r]] : null;
    var body = $('detail-body');
    body.textContent = '';
    body.appendChild(el('h3', 'detail-env', str(D.e[e][E.NAME])));
    body.appendChild(el('p', 'mono detail-cell', str(row[R.OP]) + ' × ' + str(row[R.SC])));
    body.appendChild(el('p', 'meta', [str(row[R.OPTEXT]), str(row[R.SCTEXT])].filter(Boolean).join('; ')));
    var dl = el('dl');
    var status = str(c[C.STATUS]);
    addFact(dl, 'status', status);
    addFact(dl, 'reason', str(c[C.REASON]));
    if (status === 'RAN') {
      addFact(dl, 'outcome', el('b', 'mono', str(c[C.OUTCOME])));
      addFact(dl, 'errno', c[C.ERRNO] >= 0 ? c[C.ERRNO] + ' ' + (str(c[C.ERRNAME]) || '') : str(c[C.ERRNAME]));
      addFact(dl, 'exception', str(c[C.EXC]));
      addFact(dl, 'message', str(c[C.DETAIL]));
    }
    body.appendChild(dl);
    if (status === 'RAN') {
      body.appendChild(el('h4', null, 'Grade'));
      var g = el('dl');
      var grade = grading(c, Q.GRADE);
      addFact(g, 'grade', grade ? el('span', 'badge ' + css('g-', grade), grade) : 'not graded');
      addFact(g, 'why', grading(c, Q.RATIONALE));
      addFact(g, 'reference', grading(c, Q.REF));
      addFact(g, 'expectation', grading(c, Q.ROWID));
      body.appendChild(g);
      body.appendChild(el('h4', null, 'Post-state'));
      var ps = el('dl');
      var pst = post(c);
      if (pst) {
        addFact(ps, 'source', str(pst[P.SOURCE]));
        addFact(ps, 'target', str(pst[P.TARGET]));
        addFact(ps, 'inode kept', pst[P.INODE] === 1 ? 'yes' : pst[P.INODE] === 2 ? 'no (new inode)' : 'n/a');
        addFact(ps, 'problems', list(pst[P.PROBLEMS]).join('; ') || 'none');
      }
      body.appendChild(ps);
    }
    if (w) {
      body.appendChild(el('h4', null, 'Where'));
      var wd = el('dl');
      addFact(wd, 'mount ids', w[0] + ' → ' + w[1] + (w[0] === w[1] && w[2] === w[3] ? ' (same mount)' : ' (different mounts)'));
      addFact(wd, 'devices', str(w[2]) + ' → ' + str(w[3]));
      addFact(wd, 'filesystems', str(w[4]) + ' → ' + str(w[5]));
      addFact(wd, 'seeded', w[6] ? 'yes (lower layer / image)' : 'no (created fresh)');
      body.appendChild(wd);
    }
    var causes = D.l[c[C.CAUSES]];
    if (causes.length) {
      body.appendChild(el('h4', null, 'Causes'));
      causes.forEach(function (k) {
        var cause = D.k[k];
        var box = el('div', 'cause');
        box.appendChild(el('b', null, str(cause[1])));
        box.appendChild(el('span', 'meta', ' (' + str(cause[0]) + ')'));
        var ul = el('ul');
        list(cause[2]).forEach(function (ev) { ul.appendChild(el('li', null, ev)); });
        box.appendChild(ul);
        if (str(cause[3])) { box.appendChild(el('p', null, 'Fix: ' + str(cause[3]))); }
        body.appendChild(box);
      });
    }
    body.appendChild(el('h4', null, 'Reproduce by hand'));
    if (str(row[R.SETUP])) {
      var program = str(row[R.PROGRAM]);
      if (program) {
        body.appendChild(el('p', 'meta', 'Save this as ' + str(row[R.PFILE]) + ':'));
        body.appendChild(el('pre', 'repro-program', program));
      }
      body.appendChild(el('p', 'meta', 'Then, as root where mounts are needed:'));
      body.appendChild(el('pre', 'repro-shell', str(row[R.SETUP]) + '\n' + str(row[R.RUN])));
    } else {
      body.appendChild(el('p', 'meta', 'No by-hand reproduction for this row (an application pattern, or an id this'
        + ' fsconform does not know): the calls it makes are described at the top.'));
    }
    $('detail').hidden = false;
  }

  function kernelLabel(e) {
    return kernelOf(e) + (releaseOf(e) ? ' (' + releaseOf(e) + ')' : '');
  }

  // Shows family f's columns a and b in the diff, and keeps the kernel pickers in step.
  function diffKernels(f, a, b) {
    var ka = $('d-ka'), kb = $('d-kb');
    $('d-base').value = String(f);
    ka.textContent = '';
    kb.textContent = '';
    families[f].members.forEach(function (e) { option(ka, String(e), kernelLabel(e)); option(kb, String(e), kernelLabel(e)); });
    ka.value = String(a);
    kb.value = String(b);
    $('d-a').value = String(a);
    $('d-b').value = String(b);
    renderDiff();
  }

  // Oldest against newest kernel by default (columns keep the order of matrix/kernels.yaml).
  function diffFamily(f) {
    var m = families[f].members;
    diffKernels(f, m[0], m[m.length - 1]);
  }

  function setupKernelDiff() {
    if (!families.length) {
      $('diff-form').hidden = true;
      if ($('sum-xk')) { $('sum-xk').textContent = 'No environment was seen on more than one kernel.'; }
      return;
    }
    families.forEach(function (f, i) { option($('d-base'), String(i), f.base + ' (' + f.members.length + ' kernels)'); });
    $('d-base').addEventListener('change', function () {
      if ($('d-base').value) { diffFamily(parseInt($('d-base').value, 10)); }
    });
    var pick = function () {
      diffKernels(parseInt($('d-base').value, 10), parseInt($('d-ka').value, 10), parseInt($('d-kb').value, 10));
    };
    $('d-ka').addEventListener('change', pick);
    $('d-kb').addEventListener('change', pick);
    // Each card of an environment on several kernels links to its diff against the others.
    families.forEach(function (f, i) {
      f.members.forEach(function (e) {
        var p = document.querySelector('.kcompare[data-column="' + e + '"]');
        if (!p) { return; }
        p.appendChild(document.createTextNode('Diff with the same environment on: '));
        f.members.forEach(function (other) {
          if (other === e) { return; }
          var button = el('button', null, kernelOf(other));
          button.type = 'button';
          button.addEventListener('click', function () {
            diffKernels(i, e, other);
            $('diff-section').scrollIntoView();
          });
          p.appendChild(button);
        });
        p.hidden = false;
      });
    });
    var differing = 0, perFamily = families.map(function () { return 0; });
    for (var r = 0; r < D.r.length; r++) {
      var xk = differingFamilies(r, null);
      if (xk) {
        differing++;
        for (var f in xk) { perFamily[f]++; }
      }
    }
    $('sum-xk').textContent = differing + ' of ' + D.r.length + ' rows differ across kernels ('
      + families.map(function (f, i) { return f.base + ': ' + perFamily[i]; }).join(', ') + ').';
    if (differing) {
      $('xk-show').hidden = false;
      $('xk-show').addEventListener('click', function () {
        $('f-xkernel').checked = state.xkernel = true;
        render();
        $('matrix-section').scrollIntoView();
      });
    }
    var first = 0;
    while (first < families.length - 1 && !D.r.some(function (row, r) { return familyDiffers(families[first], r, null); })) { first++; }
    diffFamily(first);
  }

  function setupDiff() {
    var a = $('d-a'), b = $('d-b');
    D.e.forEach(function (e, i) { option(a, String(i), str(e[E.NAME])); option(b, String(i), str(e[E.NAME])); });
    if (D.e.length > 1) { b.value = '1'; }
    var pair = function () {
      var ea = parseInt(a.value, 10), eb = parseInt(b.value, 10);
      if (families.length) {
        if (familyOf[ea] !== undefined && familyOf[ea] === familyOf[eb]) { diffKernels(familyOf[ea], ea, eb); return; }
        $('d-base').value = '';
        $('d-ka').textContent = '';
        $('d-kb').textContent = '';
      }
      renderDiff();
    };
    a.addEventListener('change', pair);
    b.addEventListener('change', pair);
    $('diff').addEventListener('click', onCellClick);
  }

  function diffCell(e, r) {
    var ci = D.g[e][r];
    var td = ci < 0 ? missingCell(e) : el('td', klass[ci], label[ci]);
    td.fscEnv = e;
    return td;
  }

  function renderDiff() {
    var table = $('diff');
    table.textContent = '';
    if (!D.e.length) { return; }
    var a = parseInt($('d-a').value, 10), b = parseInt($('d-b').value, 10);
    var thead = el('thead'), tr = el('tr');
    tr.appendChild(el('th', null, 'operation × scenario'));
    tr.appendChild(el('th', null, 'A: ' + str(D.e[a][E.NAME]) + (anyGuest ? ' on ' + kernelLabel(a) : '')));
    tr.appendChild(el('th', null, 'B: ' + str(D.e[b][E.NAME]) + (anyGuest ? ' on ' + kernelLabel(b) : '')));
    thead.appendChild(tr);
    var tbody = el('tbody'), n = 0;
    for (var r = 0; r < D.r.length; r++) {
      var ca = D.g[a][r], cb = D.g[b][r];
      if ((ca < 0 ? '' : sig[ca]) === (cb < 0 ? '' : sig[cb])) { continue; }
      n++;
      var row = el('tr');
      row.fscRow = r;
      row.appendChild(el('th', 'mono', str(D.r[r][R.OP]) + ' × ' + str(D.r[r][R.SC])));
      row.appendChild(diffCell(a, r));
      row.appendChild(diffCell(b, r));
      tbody.appendChild(row);
    }
    table.appendChild(thead);
    table.appendChild(tbody);
    $('d-count').textContent = n + ' of ' + D.r.length + ' rows differ';
  }

  function setupFindings() {
    var findings = $('findings');
    if (!findings) { return; }
    findings.addEventListener('click', function (event) {
      var tr = event.target.closest('tr.finding');
      if (!tr) { return; }
      $('f-op').value = state.op = tr.getAttribute('data-op');
      $('f-sc').value = state.sc = '';
      $('f-grade').value = state.grade = tr.getAttribute('data-grade');
      $('f-q').value = tr.getAttribute('data-outcome');
      state.q = $('f-q').value.toLowerCase();
      render();
      $('matrix-section').scrollIntoView();
    });
  }

  setupFilters();
  setupDiff();
  setupKernelDiff();
  setupFindings();
  $('matrix').addEventListener('click', onCellClick);
  $('detail-close').addEventListener('click', function () { $('detail').hidden = true; });
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape') { $('detail').hidden = true; } });
  render();
  renderDiff();
  // Read by the browser tests and the benchmark: ms from navigation start to a built table, and to
  // the end of the first frame that lays it out and paints it.
  window.fsconformRenderedAt = performance.now();
  requestAnimationFrame(function () {
    setTimeout(function () { window.fsconformPaintedAt = performance.now(); }, 0);
  });
  document.documentElement.setAttribute('data-ready', 'true');
}());
