"""claims routes."""

from fastapi import APIRouter

router = APIRouter(tags=["claims"])
