"""A local 17TRACK-compatible tracking API (v2.2): register, gettrackinfo, signed webhook pushes,
rate limits (HTTP 429) and injected faults, for the demo and the tests."""

from .server import RunningTrack17, start_track17
from .state import Parcel, Track17State

__all__ = ["Parcel", "RunningTrack17", "Track17State", "start_track17"]
