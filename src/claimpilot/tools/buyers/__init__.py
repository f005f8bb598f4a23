"""buyers"""
