"""Serve the demo seller as a local SP-API until Ctrl-C:

    python -m claimpilot.sandbox.emulator --port 8900

and point ``claimpilot fetch`` at it with the variables it prints."""

from __future__ import annotations

import argparse
import time


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m claimpilot.sandbox.emulator")
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skus", type=int, default=300)
    parser.add_argument("--rate-scale", type=float, default=1.0, help="speed up every usage plan by this factor")
    args = parser.parse_args()

    from claimpilot.sandbox.demo_seller import generate

    from .server import start_emulator

    seller = generate(seed=args.seed, skus=args.skus)
    emulator = start_emulator(seller, port=args.port, rate_scale=args.rate_scale)
    creds = emulator.credentials
    print(f"SP-API emulator serving the demo seller (as of {seller.as_of}) at {emulator.url}")
    print(f"export CLAIMPILOT_SP_API__ENDPOINT={emulator.url}")
    print(f"export CLAIMPILOT_SP_API__LWA_APP_ID={creds.client_id}")
    print(f"export CLAIMPILOT_SP_API__LWA_CLIENT_SECRET={creds.client_secret}")
    print(f"export 'CLAIMPILOT_SP_API__REFRESH_TOKEN={creds.refresh_token}'")
    print("export CLAIMPILOT_SP_API__POLL_INTERVAL_S=0.2")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        emulator.stop()


if __name__ == "__main__":
    main()
