/** The gauge page's scripts from media/, in load order: the DOM primitives first, then the view that uses them. */
export const GAUGE_SCRIPTS: readonly string[] = ['gaugeDom.js', 'gaugeRepo.js', 'gauge.js'];

/**
 * The gauge's static skeleton. No dynamic value is ever spliced in here: media/gauge.js fills
 * every element from `state` messages with textContent, so nothing from git or history can
 * become markup.
 */
export const GAUGE_BODY = `
<main>
  <!-- For screen readers' heading navigation; not drawn: the view's title above says it. -->
  <h1 class="visually-hidden">Gear Gauge</h1>
  <!-- Never hidden: a live region shown in the tick its text is written is not announced (review37a F9). Empty, it takes no room (gauge.css). -->
  <p id="running" class="running" role="status"></p>
  <p id="problem" class="problem" role="alert" hidden></p>
  <!-- Until the first state: history is being read, so neither a gear nor "no pipeline yet" would be true (walkedit33 L10). -->
  <p id="note" class="note">Reading run history…</p>
  <section id="empty" class="empty" hidden>
    <p>Gearshift measures your gear from production deploys in the run history.</p>
    <!-- Shown with no view: no .gearshift.yml yet, so creating one comes first, and the walkthrough shows the way (Run
         Pipeline would only say there is none, review37a F8). With pipelines in subfolders (a monorepo's top), those are offered. -->
    <button data-command="gearshift.createPipeline">Create Pipeline Config</button>
    <button id="walkthrough-empty" data-command="gearshift.openWalkthrough" class="secondary">Open Walkthrough</button>
    <button id="show-below" data-command="gearshift.openSubfolderPipeline" class="secondary" hidden>Show Subfolder Pipeline…</button>
  </section>
  <div id="gauge" hidden>
    <section class="gear" aria-labelledby="gear-name">
      <svg id="dial" class="dial" viewBox="0 0 120 70" role="img" aria-label="Gear gauge">
        <path class="dial-arc" d="M 8 62 A 52 52 0 0 1 112 62" />
        <g id="dial-ticks"></g>
        <line id="dial-needle" class="dial-needle" x1="60" y1="62" x2="60" y2="22" />
        <circle class="dial-hub" cx="60" cy="62" r="4" />
      </svg>
      <div class="gear-text">
        <h2 id="gear-name" class="gear-name"></h2>
        <p id="gear-rhythm" class="gear-rhythm"></p>
        <p id="gear-provisional" class="gear-provisional" hidden></p>
      </div>
    </section>
    <section id="limit-block" aria-labelledby="limit-title">
      <h2 id="limit-title">What holds you back</h2>
      <p class="limit"><strong id="limit-factor"></strong></p>
      <p id="limit-why" class="muted"><span id="limit-timer"></span><span id="limit-why-rest"></span></p>
      <details id="next-block" class="fold" open>
        <summary><h3 id="next-title">Shift up next</h3></summary>
        <ul id="next-steps" class="next"></ul>
        <p id="walkthrough-next" hidden><a id="walkthrough-link" href="#"></a></p>
      </details>
    </section>
    <!-- A folded section's heading is in its summary: in heading navigation and the Tab order, folded or not. -->
    <details id="dora-block" class="fold" open>
      <summary><h2 id="dora-title">DORA metrics</h2></summary>
      <div id="dora" class="metrics dora" role="group" aria-labelledby="dora-title"></div>
      <p id="band-source" class="muted small"></p>
    </details>
    <section id="slot-block" hidden>
      <h2 id="slot-title">Live slot</h2>
      <p><strong id="live-slot"></strong></p>
    </section>
    <section id="last-run" aria-label="Last run" hidden>
      <h2>Last run</h2>
      <p><span id="last-state" class="run-state"></span> <code id="last-sha"></code> <span id="last-subject" class="subject"></span></p>
      <p id="last-when" class="muted"></p>
    </section>
    <section id="pending-block" hidden>
      <h2 id="pending-title">Waiting for production</h2>
      <p id="pending-summary"></p>
      <ul id="pending-commits" class="commits"></ul>
    </section>
    <details id="speed-block" class="fold">
      <summary><h2 id="metrics-title">Speed limits</h2></summary>
      <div id="metrics" class="metrics" role="group" aria-labelledby="metrics-title"></div>
      <div class="sparks">
        <figure><svg id="spark-deploys" class="spark" viewBox="0 0 100 20" preserveAspectRatio="none" role="img" aria-label="Deploys per week, last 12 weeks"><path /></svg><figcaption>deploys per week</figcaption></figure>
        <figure><svg id="spark-durations" class="spark" viewBox="0 0 100 20" preserveAspectRatio="none" role="img" aria-label="Pipeline duration per run, last 20 runs"><path /></svg><figcaption>pipeline duration per run</figcaption></figure>
        <figure id="monitor-block" hidden><svg id="spark-monitor" class="spark" viewBox="0 0 100 20" preserveAspectRatio="none" role="img" aria-label="Error rate during the last monitoring window"><path /></svg><figcaption>error rate after the last deploy</figcaption></figure>
      </div>
    </details>
    <section id="stages-block" aria-labelledby="stages-title">
      <h2 id="stages-title">Stage durations</h2>
      <div id="stage-bars" class="bars"></div>
    </section>
    <section aria-labelledby="checklist-title">
      <h2 id="checklist-title" tabindex="-1">Readiness checklist</h2>
      <ul id="checklist" class="checklist"></ul>
    </section>
    <details id="rules-block" class="rules">
      <summary><h2 id="rules-title">How Gearshift picks your gear</h2></summary>
      <ul id="rules"></ul>
    </details>
  </div>
</main>`;
