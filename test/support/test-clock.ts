/** A clock the test moves by hand (`clock.time += 1_200`), for expiry that would otherwise need a wait. */
export class TestClock {
  time = 1_000;
  now = () => this.time;
}
